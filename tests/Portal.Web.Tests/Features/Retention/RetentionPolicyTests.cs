using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention;
using Portal.Web.Features.Retention.Holds;
using Portal.Web.Features.Retention.Policies;
using Portal.Web.Features.Sync.Ingest;
using Portal.Web.Tests.Data.CallStore;
using static Portal.Web.Tests.Features.Sync.SyncProbe;

namespace Portal.Web.Tests.Features.Retention;

/// <summary>
/// Retention policies: what the next run deletes is what the purge then deletes; whole calls leave with the rollups exact,
/// transcripts-only and recordings-only purges keep the calls, and nothing purged comes back with a re-sent page; holds and
/// unfinished jobs keep their calls out of a purge; only administrators manage policies.
/// </summary>
public class RetentionPolicyTests
{
    /// <summary>MixedCalls start 2026-02-26 08:00 UTC and span about six days; the fixed clock's next 02:00 UTC run is this.</summary>
    private static readonly DateTime RunAt = new(2026, 6, 13, 2, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string> Providers => DatabaseHost.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Purge_AllConnectionsPolicyAndAConnectionsOwn_DeletesWhatThePreviewSaid_RollupsEqualAGroupBy(string provider)
    {
        using var portal = await RetentionHost.CreateAsync(provider);
        var calls = await MixedCalls.IngestAsync(portal.Host);
        var policies = Policies(portal);
        var all = await policies.SaveAsync(RetentionHost.Admin, new RetentionPolicyDraft(null, null, CallDays: 104, TranscriptDays: 102, RecordingDays: 101, true));
        var own = await policies.SaveAsync(RetentionHost.Admin, new RetentionPolicyDraft(null, calls.ConnectionB, CallDays: null, TranscriptDays: 103, RecordingDays: null, true));
        var before = await SnapshotAsync(portal);
        var (callCut, recordingCut) = (RunAt.AddDays(-104), RunAt.AddDays(-101));
        DateTime TranscriptCut(int connectionId) => RunAt.AddDays(connectionId == calls.ConnectionB ? -103 : -102);
        var expectedCalls = before.Where(c => c.StartedAtUtc < callCut).Select(c => c.Id).ToArray();
        var expectedTranscripts = before.Where(c => c.HasTranscript && c.StartedAtUtc >= callCut && c.StartedAtUtc < TranscriptCut(c.ConnectionId)).Select(c => c.Id).ToArray();
        var expectedRecordings = before.Where(c => c.HasRecording && c.StartedAtUtc >= callCut && c.StartedAtUtc < recordingCut).Select(c => c.Id).ToArray();
        Assert.All(new[] { expectedCalls, expectedTranscripts, expectedRecordings }, ids => Assert.NotEmpty(ids));

        var preview = await policies.NextRunAsync(RetentionHost.Admin);
        var jobIds = await Scheduler(portal).RunAsync(preview.RunAtUtc, CancellationToken.None);
        await portal.Runner.RunPendingAsync(CancellationToken.None);

        Assert.Equal(RunAt, preview.RunAtUtc);
        Assert.Equal(new PurgeCounts(expectedCalls.Length, expectedTranscripts.Length, expectedRecordings.Length), preview.Total);
        Assert.Equal(expectedTranscripts.Count(id => before.Single(c => c.Id == id).ConnectionId == calls.ConnectionB), preview.ByPolicy[own].Transcripts);
        Assert.Equal(expectedCalls.Length, preview.ByPolicy[all].Calls);
        var jobs = await Task.WhenAll(jobIds.Select(portal.JobAsync));
        Assert.Equal([CallDeletionScope.Calls, CallDeletionScope.TranscriptsOnly, CallDeletionScope.RecordingsOnly], jobs.Select(j => j.Scope));
        Assert.All(jobs, j => Assert.Equal((DeletionJobKind.PolicyPurge, DeletionJobState.Completed, RetentionPurgeScheduler.Reason, "portal:retention-policies"),
            (j.Kind, j.State, j.Reason, j.RequestedByUserId)));
        Assert.Equal([expectedCalls.Length, expectedTranscripts.Length, expectedRecordings.Length], jobs.Select(j => (int)j.DeletedCount));
        Assert.Contains("calls older than 104 days on 2 connections", jobs[0].Selection);
        var after = await SnapshotAsync(portal);
        Assert.Equal(before.Select(c => c.Id).Except(expectedCalls), after.Select(c => c.Id));
        Assert.Equal(before.Where(c => c.HasTranscript).Select(c => c.Id).Except(expectedCalls).Except(expectedTranscripts), after.Where(c => c.HasTranscript).Select(c => c.Id));
        Assert.Equal(before.Where(c => c.HasRecording).Select(c => c.Id).Except(expectedCalls).Except(expectedRecordings), after.Where(c => c.HasRecording).Select(c => c.Id));
        await using (var db = await portal.Contexts.CreateDbContextAsync())
        {
            Assert.Empty(await db.Transcripts.Where(t => expectedTranscripts.Contains(t.CallId)).ToListAsync());
            Assert.Empty(await db.Recordings.Where(r => expectedRecordings.Contains(r.CallId)).ToListAsync());
            Assert.Equal(await db.Calls.CountAsync(c => c.HasRecording), await db.Recordings.Select(r => r.CallId).Distinct().CountAsync());
        }
        await AssertRollupsMatchCallsAsync(portal.Contexts);
        var next = await policies.NextRunAsync(RetentionHost.Admin);
        Assert.Equal(PurgeCounts.None, next.Total); // the same cutoffs find nothing more
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Purge_ThenTheVendorSendsTheSamePagesAgain_NothingPurgedComesBack(string provider)
    {
        using var portal = await RetentionHost.CreateAsync(provider);
        var calls = await MixedCalls.IngestAsync(portal.Host);
        await Policies(portal).SaveAsync(RetentionHost.Admin, new RetentionPolicyDraft(null, null, CallDays: 104, TranscriptDays: 1, RecordingDays: 1, true));
        await Scheduler(portal).RunAsync(RunAt, CancellationToken.None);
        await portal.Runner.RunPendingAsync(CancellationToken.None);
        var purged = await SnapshotAsync(portal);

        var ingestor = portal.Host.Services.GetRequiredService<CallIngestor>();
        foreach (var (connectionId, page) in calls.Pages)
        {
            await ingestor.IngestAsync(connectionId, page, [], null, CancellationToken.None);
        }

        Assert.Equal(purged, await SnapshotAsync(portal));
        Assert.All(purged, c => Assert.False(c.HasTranscript || c.HasRecording));
        await using (var db = await portal.Contexts.CreateDbContextAsync())
        {
            Assert.Equal(0, await db.Transcripts.CountAsync() + await db.Recordings.CountAsync());
        }
        await AssertRollupsMatchCallsAsync(portal.Contexts);
    }

    [Theory]
    [InlineData(LegalHoldKind.Connection)]
    [InlineData(LegalHoldKind.Team)]
    [InlineData(LegalHoldKind.Number)]
    public async Task Purge_HeldCalls_AreLeftOutOfEveryScope(LegalHoldKind kind)
    {
        using var portal = await RetentionHost.CreateAsync("Sqlite");
        var calls = await MixedCalls.IngestAsync(portal.Host);
        var teamId = await LegalHoldTests.AddTeamAsync(portal, "Sales", LegalHoldTests.TeamExtension);
        await LegalHoldTests.Holds(portal).PlaceAsync(RetentionHost.Admin,
            new LegalHoldRequest(kind, calls.ConnectionA, teamId, LegalHoldTests.HeldNumberTyped, "litigation"));
        Func<CallState, bool> held = kind switch
        {
            LegalHoldKind.Connection => c => c.ConnectionId == calls.ConnectionA,
            LegalHoldKind.Team => c => c.Extension == LegalHoldTests.TeamExtension,
            _ => c => c.ExternalNumber == LegalHoldTests.HeldNumber,
        };
        var before = await SnapshotAsync(portal);
        await Policies(portal).SaveAsync(RetentionHost.Admin, new RetentionPolicyDraft(null, null, CallDays: 104, TranscriptDays: 1, RecordingDays: 1, true));

        var preview = await Policies(portal).NextRunAsync(RetentionHost.Admin);
        var jobIds = await Scheduler(portal).RunAsync(RunAt, CancellationToken.None);
        await portal.Runner.RunPendingAsync(CancellationToken.None);

        var after = await SnapshotAsync(portal);
        var keptHeld = before.Where(held).ToList();
        Assert.NotEmpty(keptHeld);
        Assert.Equal(keptHeld, after.Where(held)); // held calls keep their transcripts and recordings too
        Assert.Equal(before.Where(c => !held(c) && c.StartedAtUtc >= RunAt.AddDays(-104)).Select(c => c.Id), after.Where(c => !held(c)).Select(c => c.Id));
        Assert.All(after.Where(c => !held(c)), c => Assert.False(c.HasTranscript || c.HasRecording));
        Assert.Equal(preview.Total.Calls, (await portal.JobAsync(jobIds[0])).DeletedCount);
        await AssertRollupsMatchCallsAsync(portal.Contexts);
    }

    [Fact]
    public async Task Purge_CallsOfAnUnfinishedJob_AreLeftForTheNextRunWithoutFailing()
    {
        using var portal = await RetentionHost.CreateAsync("Sqlite");
        await MixedCalls.IngestAsync(portal.Host);
        await Policies(portal).SaveAsync(RetentionHost.Admin, new RetentionPolicyDraft(null, null, CallDays: 104, null, null, true));
        var due = await portal.CallIdsAsync(q => q.Where(c => c.StartedAtUtc < RunAt.AddDays(-104)));
        var wizard = await portal.Jobs.CreateAsync(RetentionHost.Admin, new DeletionJobRequest(DeletionJobKind.WizardFilter, CallDeletionScope.Calls, due[..5], "T-9"));
        await portal.Jobs.PauseAsync(RetentionHost.Admin, wizard);

        var first = Assert.Single(await Scheduler(portal).RunAsync(RunAt, CancellationToken.None));

        Assert.Equal(due.Length - 5, (await portal.JobAsync(first)).SelectedCount);
        await portal.Runner.RunPendingAsync(CancellationToken.None);
        Assert.Equal(due[..5], await portal.CallIdsAsync(q => q.Where(c => c.StartedAtUtc < RunAt.AddDays(-104))));
        await portal.Jobs.CancelAsync(RetentionHost.Admin, wizard);
        var second = Assert.Single(await Scheduler(portal).RunAsync(RunAt, CancellationToken.None));
        await portal.Runner.RunPendingAsync(CancellationToken.None);
        Assert.Equal(5, (await portal.JobAsync(second)).DeletedCount);
        Assert.Empty(await Scheduler(portal).RunAsync(RunAt, CancellationToken.None)); // nothing due: no empty job
    }

    [Theory]
    [InlineData(0, null, null, "between 1 and 36500")]
    [InlineData(null, 36501, null, "between 1 and 36500")]
    [InlineData(null, null, -3, "between 1 and 36500")]
    [InlineData(null, null, null, "at least one kind")]
    public async Task Save_DaysOutOfRangeOrNone_IsRefused(int? callDays, int? transcriptDays, int? recordingDays, string message)
    {
        using var portal = await RetentionHost.CreateAsync("Sqlite");

        var refused = await Assert.ThrowsAsync<RetentionRefusedException>(() =>
            Policies(portal).SaveAsync(RetentionHost.Admin, new RetentionPolicyDraft(null, null, callDays, transcriptDays, recordingDays, true)));

        Assert.Contains(message, refused.Message);
        Assert.Empty(await Policies(portal).ListAsync(RetentionHost.Admin));
    }

    [Fact]
    public async Task Save_SecondPolicyForTheSameConnection_IsRefused_AndEditAndDeleteAreAudited()
    {
        using var portal = await RetentionHost.CreateAsync("Sqlite");
        var calls = await MixedCalls.IngestAsync(portal.Host);
        var policies = Policies(portal);
        var id = await policies.SaveAsync(RetentionHost.Admin, new RetentionPolicyDraft(null, calls.ConnectionA, 730, null, null, true));

        await Assert.ThrowsAsync<RetentionRefusedException>(() => policies.SaveAsync(RetentionHost.Admin, new RetentionPolicyDraft(null, calls.ConnectionA, 10, null, null, true)));
        await policies.SaveAsync(RetentionHost.Admin, new RetentionPolicyDraft(id, calls.ConnectionA, 365, 30, null, false));
        var saved = Assert.Single(await policies.ListAsync(RetentionHost.Admin));
        await policies.DeleteAsync(RetentionHost.Admin, id);

        Assert.Equal(("NfonCallHistory", 365, 30, (int?)null, false), (saved.ConnectionName, saved.CallDays, saved.TranscriptDays, saved.RecordingDays, saved.Enabled));
        Assert.Empty(await policies.ListAsync(RetentionHost.Admin));
        var audit = (await portal.AuditAsync()).Where(e => e.Target == $"retention policy {id}").ToList();
        Assert.Equal([RetentionPolicies.SaveAction, RetentionPolicies.SaveAction, RetentionPolicies.DeleteAction], audit.Select(e => e.Action));
        Assert.Equal("NfonCallHistory: calls 365 days, transcripts 30 days, recording links forever; disabled", audit[1].Filter);
    }

    [Fact]
    public async Task EveryAction_Supervisor_IsRefusedAndLogged()
    {
        using var portal = await RetentionHost.CreateAsync("Sqlite");
        var policies = Policies(portal);
        var id = await policies.SaveAsync(RetentionHost.Admin, new RetentionPolicyDraft(null, null, 730, null, null, true));
        var supervisor = RetentionHost.Supervisor;

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => policies.ListAsync(supervisor));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => policies.ConnectionsAsync(supervisor));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => policies.NextRunAsync(supervisor));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => policies.SaveAsync(supervisor, new RetentionPolicyDraft(id, null, 1, null, null, true)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => policies.DeleteAsync(supervisor, id));

        Assert.Equal(5, portal.SecurityEvents.Count(e => e.Id.Id == Portal.Web.Audit.SecurityLog.RefusedEventId && e.Message.Contains("super-1", StringComparison.Ordinal)));
        Assert.Equal([RetentionPolicies.SaveAction, RetentionPolicies.DeleteAction],
            (await portal.AuditAsync()).Where(e => e.Refused && e.UserName == "Sam Supervisor").Select(e => e.Action));
        Assert.Equal(730, Assert.Single(await policies.ListAsync(RetentionHost.Admin)).CallDays);
    }

    /// <summary>What a purge may change about a call.</summary>
    internal sealed record CallState(long Id, int ConnectionId, DateTime StartedAtUtc, string? Extension, string? ExternalNumber, bool HasTranscript, bool HasRecording);

    internal static async Task<List<CallState>> SnapshotAsync(RetentionHost portal)
    {
        await using var db = await portal.Contexts.CreateDbContextAsync();
        return await db.Calls.OrderBy(c => c.Id)
            .Select(c => new CallState(c.Id, c.ConnectionId, c.StartedAtUtc, c.Extension, c.ExternalNumber, c.HasTranscript, c.HasRecording)).ToListAsync();
    }

    internal static RetentionPolicies Policies(RetentionHost portal) => portal.Host.Services.GetRequiredService<RetentionPolicies>();

    internal static RetentionPurgeScheduler Scheduler(RetentionHost portal) => portal.Host.Services.GetRequiredService<RetentionPurgeScheduler>();
}
