using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Portal.Sandbox.Faults;
using Portal.Telephony.Calls;
using Portal.Web.Audit;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention;
using Portal.Web.Features.Sync.Ingest;
using Portal.Web.Tests.Data.CallStore;
using static Portal.Web.Tests.Features.Sync.SyncProbe;

namespace Portal.Web.Tests.Features.Retention;

/// <summary>
/// Deletion jobs delete the vendor's copy where the vendor allows it, over real HTTP against the sandbox's NFON Call History
/// emulator: the emulator no longer has the records and a re-sync brings none back; a vendor that fails leaves the local state
/// exact and lists the failed items, which a retry deletes once the fault is gone; a job killed between a batch's commit and its
/// vendor deletes sends each of them exactly once after the restart; a vendor that asks to slow down is waited for (the adapter's
/// resilience pipeline); another vendor's calls are "not possible" at the vendor.
/// </summary>
public class VendorDeleteTests
{
    private const int NfonCalls = 30;
    private const int OtherCalls = 3;
    private const string AskedBy = "data subject, ticket 4711";

    public static TheoryData<string> Providers => DatabaseHost.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Job_NfonCalls_DeletedAtTheVendor_ResyncBringsNoneBack_OtherVendorNotPossible_CertificateCountsPerConnection(string provider)
    {
        await using var sandbox = await VendorSandbox.StartAsync();
        using var host = await RetentionHost.CreateAsync(provider);
        var setup = await SetUpAsync(sandbox, host);

        var jobId = await host.Jobs.CreateAsync(RetentionHost.Admin, new DeletionJobRequest(DeletionJobKind.Erasure, CallDeletionScope.Calls,
            [.. setup.NfonIds, .. setup.OtherIds], "TICKET-4711", "30 NFON calls and 3 WebFones calls", AskedBy));
        await host.Runner.RunPendingAsync(CancellationToken.None);

        var job = await host.JobAsync(jobId);
        Assert.Equal((DeletionJobState.Completed, (long)(NfonCalls + OtherCalls), (long)NfonCalls, 0L), (job.State, job.DeletedCount, job.VendorDeletedCount, job.VendorFailedCount));
        Assert.Equal((AskedBy, "admin-1", "Ada Admin"), (job.RequestedBy, job.ConfirmedByUserId, job.ConfirmedByName));
        var atVendor = sandbox.NfonRecordIds();
        Assert.Empty(atVendor.Intersect(setup.NfonVendorIds));
        Assert.Equal(setup.VendorRecordsBefore - NfonCalls, atVendor.Count);
        Assert.Equal(setup.NfonVendorIds.Order(StringComparer.Ordinal), sandbox.Deletes.AnsweredIds().Order(StringComparer.Ordinal)); // each once
        Assert.All(sandbox.Deletes.Requests, r => Assert.NotEmpty(r.Ids)); // never a delete without ids
        await using (var db = await host.Contexts.CreateDbContextAsync())
        {
            var states = await db.DeletionJobItems.Where(i => i.JobId == jobId).ToDictionaryAsync(i => i.CallId, i => i.VendorState);
            Assert.All(setup.NfonIds, id => Assert.Equal(VendorDeletionState.Deleted, states[id]));
            Assert.All(setup.OtherIds, id => Assert.Equal(VendorDeletionState.NotApplicable, states[id]));
        }

        var resync = await VendorSandbox.SyncAsync(host, setup.NfonConnection, FixedStart.AddDays(-30));
        Assert.Equal((0, 0), (resync.Inserted, resync.Refused)); // the vendor no longer sends them
        Assert.Empty(await host.CallIdsAsync(q => q.Where(c => setup.NfonVendorIds.Contains(c.VendorCallId))));
        await AssertRollupsMatchCallsAsync(host.Contexts);

        var text = await CertificateTextAsync(host, jobId);
        Assert.Contains($"Asked by:               {AskedBy}\n", text);
        Assert.Contains("Confirmed by:           Ada Admin (subject admin-1), the administrator who created the job\n", text);
        Assert.Contains($"At the vendor deleted:  {NfonCalls}\n", text);
        Assert.Contains("At the vendor failed:   0\n", text);
        Assert.Contains($"  NFON Call History sandbox (NFON Call History, connection {setup.NfonConnection}): {NfonCalls} calls, {setup.NfonTranscripts} transcripts, "
            + $"{setup.NfonRecordings} recording links deleted locally; at the vendor {NfonCalls} deleted, 0 failed, 0 not possible\n", text);
        Assert.Contains($"  WebFones test (WebFones, connection {setup.OtherConnection}): {OtherCalls} calls, 1 transcripts, 2 recording links deleted locally; "
            + $"at the vendor 0 deleted, 0 failed, {OtherCalls} not possible\n", text);
        Assert.All(setup.NfonVendorIds, id => Assert.DoesNotContain(id, text, StringComparison.Ordinal));
        Assert.True(setup.NfonTranscripts > 0, "some of the NFON calls had transcripts");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Job_VendorFails_LocalStateExact_FailedIdsListed_RetryAfterTheFaultDeletesThem(string provider)
    {
        await using var sandbox = await VendorSandbox.StartAsync();
        using var host = await RetentionHost.CreateAsync(provider);
        var setup = await SetUpAsync(sandbox, host);
        sandbox.Faults.Set(VendorKind.NfonCallHistory, new VendorFaults { ErrorRate = 1 });

        var jobId = await host.Jobs.CreateAsync(RetentionHost.Admin, new DeletionJobRequest(DeletionJobKind.WizardFilter, CallDeletionScope.Calls,
            [.. setup.NfonIds, .. setup.OtherIds], "TICKET-13"));
        await host.Runner.RunPendingAsync(CancellationToken.None);

        var job = await host.JobAsync(jobId);
        Assert.Equal((DeletionJobState.Completed, (long)(NfonCalls + OtherCalls), 0L, (long)NfonCalls), (job.State, job.DeletedCount, job.VendorDeletedCount, job.VendorFailedCount));
        Assert.Empty(await host.CallIdsAsync(q => q.Where(c => setup.NfonIds.Contains(c.Id) || setup.OtherIds.Contains(c.Id))));
        Assert.Equal(setup.RemainingLocal, (await host.CallIdsAsync()).Length);
        await AssertRollupsMatchCallsAsync(host.Contexts);
        var failures = await host.Jobs.VendorFailuresAsync(RetentionHost.Admin, jobId);
        Assert.Equal(setup.NfonIds, failures.Select(f => f.CallId));
        Assert.All(failures, f => Assert.Equal(("NFON Call History sandbox", (VendorKind?)VendorKind.NfonCallHistory), (f.ConnectionName, f.Vendor)));
        Assert.Equal(setup.NfonVendorIds.Order(StringComparer.Ordinal), failures.Select(f => f.VendorCallId!).Order(StringComparer.Ordinal));
        Assert.Contains("NFON Call History failed (500", failures[0].Reason);
        Assert.All(failures.Skip(1), f => Assert.Contains("NFON Call History failed (500", f.Reason)); // the rest not sent again in the run
        Assert.Equal(setup.VendorRecordsBefore, sandbox.NfonRecordIds().Count);
        var failedEntries = (await host.AuditAsync()).Where(e => e.Action == VendorDeletes.FailedAction).ToList();
        Assert.Equal(NfonCalls, failedEntries.Sum(e => e.RowCount));
        Assert.All(failedEntries, e => Assert.Contains("NFON Call History failed (500", e.Details));
        Assert.All(failedEntries, e => Assert.DoesNotContain(setup.NfonVendorIds, id => e.Details!.Contains(id, StringComparison.Ordinal)));

        sandbox.Faults.Set(VendorKind.NfonCallHistory, VendorFaults.None);
        var resync = await VendorSandbox.SyncAsync(host, setup.NfonConnection, FixedStart.AddDays(-30));
        Assert.Equal((0, NfonCalls), (resync.Inserted, resync.Refused)); // still at the vendor, refused by the tombstones
        Assert.Equal(setup.RemainingLocal, (await host.CallIdsAsync()).Length);

        var retry = await host.Jobs.RetryVendorAsync(RetentionHost.Admin, jobId);

        Assert.Equal(new VendorRetryResult(NfonCalls, NfonCalls, 0), retry);
        Assert.Empty(sandbox.NfonRecordIds().Intersect(setup.NfonVendorIds));
        Assert.Empty(await host.Jobs.VendorFailuresAsync(RetentionHost.Admin, jobId));
        job = await host.JobAsync(jobId);
        Assert.Equal((DeletionJobState.Completed, (long)(NfonCalls + OtherCalls), (long)NfonCalls, 0L), (job.State, job.DeletedCount, job.VendorDeletedCount, job.VendorFailedCount));
        Assert.Contains(await host.AuditAsync(), e => e.Action == DeletionJobs.RetryVendorAction && e.UserId == "admin-1" && !e.Refused);
        Assert.Contains($"at the vendor {NfonCalls} deleted, 0 failed, 0 not possible", await CertificateTextAsync(host, jobId));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Job_KilledBetweenABatchAndItsVendorDeletes_ResumesThemExactly(string provider)
    {
        await using var sandbox = await VendorSandbox.StartAsync();
        string connectionString;
        long jobId;
        Setup setup;
        using (var first = await RetentionHost.CreateAsync(provider))
        {
            connectionString = first.ConnectionString;
            setup = await SetUpAsync(sandbox, first);
            jobId = await first.Jobs.CreateAsync(RetentionHost.Admin, new DeletionJobRequest(DeletionJobKind.WizardFilter, CallDeletionScope.Calls,
                [.. setup.NfonIds, .. setup.OtherIds], "TICKET-14"));
            using var kill = new CancellationTokenSource();
            var batches = 0;
            first.Runner.BatchCommitted += _ =>
            {
                if (++batches == 2)
                {
                    kill.Cancel(); // the second batch has committed; its vendor deletes have not been sent
                }
            };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.Runner.RunPendingAsync(kill.Token));

            var job = await first.JobAsync(jobId);
            Assert.Equal((DeletionJobState.Running, 2L * RetentionHost.BatchSize, (long)RetentionHost.BatchSize), (job.State, job.DeletedCount, job.VendorDeletedCount));
            await using var db = await first.Contexts.CreateDbContextAsync();
            Assert.Equal(RetentionHost.BatchSize, await db.DeletionJobItems.CountAsync(i => i.JobId == jobId && i.VendorState == VendorDeletionState.Pending));
            Assert.Equal(RetentionHost.BatchSize, sandbox.Deletes.AnsweredIds().Count);
        }

        using var restarted = await RetentionHost.ReopenAsync(connectionString, start: false);
        await restarted.Runner.RunPendingAsync(CancellationToken.None);

        var done = await restarted.JobAsync(jobId);
        Assert.Equal((DeletionJobState.Completed, (long)(NfonCalls + OtherCalls), (long)NfonCalls, 0L), (done.State, done.DeletedCount, done.VendorDeletedCount, done.VendorFailedCount));
        Assert.Equal(setup.NfonVendorIds.Order(StringComparer.Ordinal), sandbox.Deletes.AnsweredIds().Order(StringComparer.Ordinal)); // none twice, none lost
        Assert.Empty(sandbox.NfonRecordIds().Intersect(setup.NfonVendorIds));
        await AssertRollupsMatchCallsAsync(restarted.Contexts);
    }

    [Fact]
    public async Task Job_VendorAsksToSlowDown_TheAdaptersPipelineWaitsAndEveryRecordIsDeletedOnce()
    {
        await using var sandbox = await VendorSandbox.StartAsync();
        using var host = await RetentionHost.CreateAsync("Sqlite");
        var setup = await SetUpAsync(sandbox, host);
        sandbox.Faults.Set(VendorKind.NfonCallHistory, new VendorFaults { RateLimitNextRequests = 2, RetryAfterSeconds = 1 });

        var jobId = await host.Jobs.CreateAsync(RetentionHost.Admin, new DeletionJobRequest(DeletionJobKind.WizardFilter, CallDeletionScope.Calls,
            setup.NfonIds, "TICKET-15"));
        await host.Runner.RunPendingAsync(CancellationToken.None);

        var job = await host.JobAsync(jobId);
        Assert.Equal((DeletionJobState.Completed, (long)NfonCalls, (long)NfonCalls, 0L), (job.State, job.DeletedCount, job.VendorDeletedCount, job.VendorFailedCount));
        Assert.Equal(2, sandbox.Deletes.Requests.Count(r => r.Status == 429));
        Assert.Equal(setup.NfonVendorIds.Order(StringComparer.Ordinal), sandbox.Deletes.AnsweredIds().Order(StringComparer.Ordinal));
        Assert.Empty(sandbox.NfonRecordIds().Intersect(setup.NfonVendorIds));
    }

    [Fact]
    public async Task ConnectionRemoval_DeletesNothingAtTheVendor()
    {
        await using var sandbox = await VendorSandbox.StartAsync();
        using var host = await RetentionHost.CreateAsync("Sqlite");
        var setup = await SetUpAsync(sandbox, host);

        var jobId = await host.Jobs.CreateConnectionRemovalAsync(RetentionHost.Admin, setup.NfonConnection);
        await host.Runner.RunPendingAsync(CancellationToken.None);

        var job = await host.JobAsync(jobId);
        Assert.Equal((DeletionJobState.Completed, (long)setup.VendorRecordsBefore, 0L, 0L), (job.State, job.DeletedCount, job.VendorDeletedCount, job.VendorFailedCount));
        Assert.Empty(sandbox.Deletes.Requests);
        Assert.Equal(setup.VendorRecordsBefore, sandbox.NfonRecordIds().Count);
    }

    [Fact]
    public async Task RetryVendorAndFailures_Supervisor_AreRefusedInTheSecurityLogAndTheRetryInTheAuditLog()
    {
        using var host = await RetentionHost.CreateAsync("Sqlite");
        var calls = await MixedCalls.IngestAsync(host.Host);
        var ids = await host.CallIdsAsync(q => q.Where(c => c.ConnectionId == calls.ConnectionA).Take(3));
        var jobId = await host.Jobs.CreateAsync(RetentionHost.Admin, new DeletionJobRequest(DeletionJobKind.WizardFilter, CallDeletionScope.Calls, ids, "T"));
        await host.Runner.RunPendingAsync(CancellationToken.None); // connection A is NFON without credentials: its vendor deletes fail
        Assert.Equal(3, (await host.Jobs.VendorFailuresAsync(RetentionHost.Admin, jobId)).Count);
        var before = (await host.AuditAsync()).Count;

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => host.Jobs.RetryVendorAsync(RetentionHost.Supervisor, jobId));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => host.Jobs.VendorFailuresAsync(RetentionHost.Supervisor, jobId));

        var entry = Assert.Single((await host.AuditAsync()).Skip(before));
        Assert.Equal((DeletionJobs.RetryVendorAction, "super-1", true, $"deletion job {jobId}"), (entry.Action, entry.UserId, entry.Refused, entry.Target));
        foreach (var action in new[] { DeletionJobs.RetryVendorAction, DeletionJobs.ReadVendorFailuresAction })
        {
            Assert.Contains(host.SecurityEvents, e => e.Id.Id == SecurityLog.RefusedEventId && e.GetStructuredStateValue("UserId") == "super-1"
                && e.GetStructuredStateValue("Action") == action);
        }
        Assert.Equal(3, (await host.JobAsync(jobId)).VendorFailedCount); // nothing was retried
    }

    private static readonly DateTime FixedStart = Portal.Sandbox.Tests.FixedStartClock.DefaultStart.UtcDateTime;

    private sealed record Setup(int NfonConnection, int OtherConnection, long[] NfonIds, string[] NfonVendorIds, long[] OtherIds, int NfonTranscripts, int NfonRecordings,
        int VendorRecordsBefore, int RemainingLocal);

    /// <summary>
    /// Syncs the NFON Call History emulator into the host, and ingests three calls of a WebFones connection (one with a
    /// transcript, two with a recording each); the job deletes the first 30 NFON calls and the WebFones ones.
    /// </summary>
    private static async Task<Setup> SetUpAsync(VendorSandbox sandbox, RetentionHost host)
    {
        var nfon = await sandbox.AddConnectionAsync(host, VendorKind.NfonCallHistory);
        var synced = await VendorSandbox.SyncAsync(host, nfon, FixedStart.AddDays(-30));
        var before = sandbox.NfonRecordIds().Count;
        Assert.Equal(before, synced.Inserted);
        Assert.True(before > NfonCalls + 10, "the emulator has more records than the job deletes");
        int other;
        await using (var db = await host.Contexts.CreateDbContextAsync())
        {
            var connection = new Connection { Name = "WebFones test", Vendor = VendorKind.WebFones, BaseUrl = "http://localhost/", TimeZone = "Europe/Berlin" };
            db.Connections.Add(connection);
            await db.SaveChangesAsync();
            other = connection.Id;
        }
        await host.Host.Services.GetRequiredService<CallIngestor>().IngestAsync(other, [.. Enumerable.Range(0, OtherCalls).Select(OtherCall)], [], null,
            CancellationToken.None);
        await using (var db = await host.Contexts.CreateDbContextAsync())
        {
            var nfonCalls = await db.Calls.Where(c => c.ConnectionId == nfon).OrderBy(c => c.Id).Take(NfonCalls).Select(c => new { c.Id, c.VendorCallId })
                .ToListAsync();
            var nfonIds = nfonCalls.Select(c => c.Id).ToArray();
            var transcripts = await db.Transcripts.CountAsync(t => nfonIds.Contains(t.CallId));
            var recordings = await db.Recordings.CountAsync(r => nfonIds.Contains(r.CallId));
            var otherIds = await db.Calls.Where(c => c.ConnectionId == other).OrderBy(c => c.Id).Select(c => c.Id).ToArrayAsync();
            var remaining = await db.Calls.CountAsync() - NfonCalls - OtherCalls;
            return new Setup(nfon, other, nfonIds, [.. nfonCalls.Select(c => c.VendorCallId)], otherIds, transcripts, recordings, before, remaining);
        }
    }

    private static NormalizedCall OtherCall(int i) => new()
    {
        VendorCallId = $"wf-{i}",
        Direction = CallDirection.Inbound,
        Outcome = CallOutcome.Answered,
        StartedAtUtc = FixedStart.AddHours(-2 - i),
        DurationSeconds = 60,
        Extension = "101",
        ExternalNumber = "+4930123456" + i,
        Transcript = i == 0 ? new NormalizedTranscript("Summary", "en", [new("Agent", 0, "Hello")]) : null,
        Recordings = i > 0 ? [new RecordingInfo($"rec-{i}", "audio/wav", 30, 1000, FixedStart, null)] : [],
        RawPayload = "{}",
    };

    private static async Task<string> CertificateTextAsync(RetentionHost host, long jobId)
    {
        var issued = await host.Host.Services.GetRequiredService<DeletionCertificates>().IssueAsync(RetentionHost.Admin, jobId);
        return issued.Certificate!.ToText(TimeZoneInfo.Utc);
    }
}
