using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Telephony.Calls;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention;
using Portal.Web.Features.Sync.Ingest;
using static Portal.Web.Tests.Features.Sync.SyncProbe;

namespace Portal.Web.Tests.Features.Retention;

/// <summary>Removing a connection is a deletion job: its calls go in batches, then the connection; nothing of the others.</summary>
public class ConnectionRemovalJobTests
{
    public static TheoryData<string> Providers => DatabaseHost.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Removal_DeletesItsCallsInBatches_ThenTheConnection_AndKeepsTheOthers(string provider)
    {
        using var portal = await RetentionHost.CreateAsync(provider);
        var calls = await ErasureTargetTests.IngestAsync(portal.Host);
        var nfon = await ConnectionIdAsync(portal, VendorKind.NfonCallHistory);
        await IngestAsync(portal, nfon, Enumerable.Range(0, 20).Select(i => $"more-{i}"));

        var id = await portal.Jobs.CreateConnectionRemovalAsync(RetentionHost.Admin, nfon);

        var paused = await ConnectionAsync(portal, nfon);
        Assert.True(paused!.IsPaused);
        Assert.Equal(new Dictionary<int, long> { [nfon] = id }, await portal.Jobs.UnfinishedRemovalsAsync());
        await portal.Runner.RunPendingAsync(CancellationToken.None);

        var job = await portal.JobAsync(id);
        Assert.Equal((DeletionJobKind.ConnectionRemoval, DeletionJobState.Completed, 24L, nfon), (job.Kind, job.State, job.DeletedCount, job.ConnectionId));
        Assert.Null(await ConnectionAsync(portal, nfon));
        Assert.Empty(await portal.Jobs.UnfinishedRemovalsAsync());
        await using (var db = await portal.Contexts.CreateDbContextAsync())
        {
            Assert.False(await db.Calls.AnyAsync(c => c.ConnectionId == nfon));
            Assert.False(await db.CallRollups.AnyAsync(r => r.ConnectionId == nfon));
            Assert.Equal(calls.Values.Where(v => !v.StartsWith("nfon-", StringComparison.Ordinal)).Order(),
                (await db.Calls.Select(c => c.VendorCallId).ToListAsync()).Order());
        }
        await AssertRollupsMatchCallsAsync(portal.Contexts);
        var removals = (await portal.AuditAsync()).Where(e => e.Action == DeletionJobs.RemoveConnectionAction).ToList();
        Assert.Equal([("Ada Admin", "NfonCallHistory"), (DeletionJobRunner.RunnerUser.Name, "NfonCallHistory")],
            removals.Select(e => (e.UserName, e.Target)));
        Assert.Contains("removed", removals[1].Details);
    }

    [Fact]
    public async Task Removal_WithACallSyncedMeanwhile_KeepsTheConnectionPausedAndSaysSo()
    {
        using var portal = await RetentionHost.CreateAsync("Sqlite");
        await ErasureTargetTests.IngestAsync(portal.Host);
        var webFones = await ConnectionIdAsync(portal, VendorKind.WebFones);

        var id = await portal.Jobs.CreateConnectionRemovalAsync(RetentionHost.Admin, webFones);
        await IngestAsync(portal, webFones, ["late"]); // a page read before the pause, written after the job was made
        await portal.Runner.RunPendingAsync(CancellationToken.None);

        Assert.Equal((DeletionJobState.Completed, 2L), ((await portal.JobAsync(id)).State, (await portal.JobAsync(id)).DeletedCount));
        Assert.True((await ConnectionAsync(portal, webFones))!.IsPaused);
        var last = (await portal.AuditAsync()).Last(e => e.Action == DeletionJobs.RemoveConnectionAction);
        Assert.Contains("not removed: 1 call(s) are left", last.Details);
    }

    [Fact]
    public async Task Removal_Twice_OrOfAConfiguredConnection_IsRefused()
    {
        using var portal = await RetentionHost.CreateAsync("Sqlite");
        await ErasureTargetTests.IngestAsync(portal.Host);
        var webFones = await ConnectionIdAsync(portal, VendorKind.WebFones);
        var cinnox = await ConnectionIdAsync(portal, VendorKind.Cinnox);
        await using (var db = await portal.Contexts.CreateDbContextAsync())
        {
            await db.Connections.Where(c => c.Id == cinnox).ExecuteUpdateAsync(s => s.SetProperty(c => c.ManagedByConfiguration, true));
        }

        await portal.Jobs.CreateConnectionRemovalAsync(RetentionHost.Admin, webFones);
        var twice = await Assert.ThrowsAsync<DeletionJobRefusedException>(() => portal.Jobs.CreateConnectionRemovalAsync(RetentionHost.Admin, webFones));
        var configured = await Assert.ThrowsAsync<DeletionJobRefusedException>(() => portal.Jobs.CreateConnectionRemovalAsync(RetentionHost.Admin, cinnox));

        Assert.Contains("already being removed", twice.Message);
        Assert.Contains("managed by configuration", configured.Message);
        Assert.False((await ConnectionAsync(portal, cinnox))!.IsPaused);
    }

    [Fact]
    public async Task Removal_Supervisor_IsRefusedAndNothingChanges()
    {
        using var portal = await RetentionHost.CreateAsync("Sqlite");
        await ErasureTargetTests.IngestAsync(portal.Host);
        var webFones = await ConnectionIdAsync(portal, VendorKind.WebFones);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Jobs.CreateConnectionRemovalAsync(RetentionHost.Supervisor, webFones));

        Assert.False((await ConnectionAsync(portal, webFones))!.IsPaused);
        await using var db = await portal.Contexts.CreateDbContextAsync();
        Assert.Empty(await db.DeletionJobs.ToListAsync());
        Assert.Contains(await db.AuditEntries.ToListAsync(), e => e.Action == DeletionJobs.CreateAction && e.UserName == "Sam Supervisor" && e.Refused);
    }

    private static async Task<int> ConnectionIdAsync(RetentionHost portal, VendorKind vendor)
    {
        await using var db = await portal.Contexts.CreateDbContextAsync();
        return await db.Connections.Where(c => c.Vendor == vendor).Select(c => c.Id).SingleAsync();
    }

    private static async Task<Connection?> ConnectionAsync(RetentionHost portal, int id)
    {
        await using var db = await portal.Contexts.CreateDbContextAsync();
        return await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);
    }

    private static Task IngestAsync(RetentionHost portal, int connectionId, IEnumerable<string> vendorIds) =>
        portal.Host.Services.GetRequiredService<CallIngestor>().IngestAsync(connectionId, [.. vendorIds.Select((id, i) => new NormalizedCall
        {
            VendorCallId = id,
            Direction = CallDirection.Outbound,
            Outcome = i % 3 == 0 ? CallOutcome.Missed : CallOutcome.Answered,
            StartedAtUtc = new DateTime(2026, 5, 1, 8, 0, 0, DateTimeKind.Utc).AddMinutes(37 * i),
            DurationSeconds = 30 + i,
            Extension = (100 + i % 4).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ExternalNumber = "+4940123456" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture),
            RawPayload = "{}",
        })], [], null, CancellationToken.None);
}
