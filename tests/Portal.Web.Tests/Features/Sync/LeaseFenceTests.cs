using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Telephony.Calls;
using Portal.Web.Data.Entities;
using Portal.Web.Vendors;
using static Portal.Web.Tests.Features.Sync.SyncProbe;
using Portal.Web.Features.Sync;

namespace Portal.Web.Tests.Features.Sync;

/// <summary>A worker writes a connection only while this instance holds its lease (ingest-level checks: CallIngestorTests).</summary>
public class LeaseFenceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Worker_LeaseTakenByAnotherInstance_NextPageRollsBackAndTheWorkerStops()
    {
        await using var sandbox = await SyncEnvironment.StartAsync();
        using var portal = sandbox.StartPortal(("Sync:Enabled", "false")); // this test runs the worker itself
        var id = await sandbox.AddConnectionAsync(portal, VendorKind.Unpod);
        var leases = portal.Services.GetRequiredService<ConnectionLeases>();
        Assert.True(await leases.TryAcquireAsync(id, TimeSpan.FromHours(1), CancellationToken.None));
        using var stop = new CancellationTokenSource();
        var worker = portal.Services.GetRequiredService<ConnectionWorker>().RunAsync(id, stop.Token);
        await WaitForSuccessAsync(portal, id);

        await using (var db = await DbAsync(portal))
        {
            await db.Connections.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseOwner, "another-instance"));
        }
        var cursorBefore = await RecordsCursorAsync(portal, id);
        portal.Services.GetRequiredService<SyncSignals>().Wake(id); // the next poll reads a page up to now

        await worker.WaitAsync(Patience);
        Assert.Equal(cursorBefore, await RecordsCursorAsync(portal, id));
        var connection = await ConnectionAsync(portal, id);
        Assert.Equal(("another-instance", 0, null), (connection.LeaseOwner, connection.ConsecutiveErrors, connection.LastError)); // stopped, not failing
    }

    [Fact]
    public async Task Engine_RenewalThrows_StopsTheWorkerUntilTheLeaseCanBeRenewedAgain()
    {
        await using var sandbox = await SyncEnvironment.StartAsync();
        using var portal = sandbox.StartPortal(("Sync:LeaseDuration", "00:00:03"));
        var engine = portal.Services.GetServices<IHostedService>().OfType<SyncEngine>().Single();
        var id = await sandbox.AddConnectionAsync(portal, VendorKind.Unpod);
        await WaitForSuccessAsync(portal, id);
        Assert.True(engine.IsRunning(id));

        // The database refuses every change of the lease's expiry: renewals throw.
        await ExecuteAsync(portal, """
            CREATE TRIGGER refuse_lease_renewal BEFORE UPDATE OF "LeaseExpiresAtUtc" ON "Connections"
            BEGIN SELECT RAISE(ABORT, 'lease renewal refused by the test'); END
            """);
        await WaitUntilAsync(() => Task.FromResult(!engine.IsRunning(id)), "the engine has stopped the worker whose lease it could not renew");

        await ExecuteAsync(portal, "DROP TRIGGER refuse_lease_renewal");
        await WaitUntilAsync(() => Task.FromResult(engine.IsRunning(id)), "the engine runs the worker again once the lease is renewed");
    }

    private static async Task<DateTime?> RecordsCursorAsync(PortalAppFactory portal, int id)
    {
        await using var db = await DbAsync(portal);
        return await db.SyncCursors.Where(c => c.ConnectionId == id && c.Stream == SyncStreams.Records).Select(c => c.WatermarkUtc).SingleAsync();
    }

    private static async Task ExecuteAsync(PortalAppFactory portal, string sql)
    {
        await using var db = await DbAsync(portal);
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
