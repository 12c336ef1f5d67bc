using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Sandbox.Company;
using Portal.Sandbox.Faults;
using Portal.Telephony.Calls;
using Portal.Web.Data.Entities;
using static Portal.Web.Tests.Features.Sync.SyncProbe;

namespace Portal.Web.Tests.Features.Sync;

public class SyncTests
{
    private static readonly VendorKind[] RecordVendors = [VendorKind.NfonCallHistory, VendorKind.WebFones, VendorKind.Cinnox, VendorKind.Unpod];

    [Fact]
    public async Task Sync_EveryVendor_DatabaseEqualsGroundTruth()
    {
        await using var sandbox = await SyncEnvironment.StartAsync();
        using var portal = sandbox.StartPortal();
        var ids = new Dictionary<VendorKind, int>();
        foreach (var vendor in RecordVendors.Append(VendorKind.NfonCti))
        {
            ids[vendor] = await sandbox.AddConnectionAsync(portal, vendor);
        }

        foreach (var (vendor, id) in ids)
        {
            await WaitForSuccessAsync(portal, id);
        }

        foreach (var vendor in RecordVendors)
        {
            var expected = sandbox.GroundTruth(vendor).Select(c => ExpectedCall.For(vendor, c)).OrderBy(c => c.VendorCallId, StringComparer.Ordinal);
            var stored = (await StoredCallsAsync(portal, ids[vendor])).OrderBy(c => c.VendorCallId, StringComparer.Ordinal);
            Assert.Equal(expected, stored);
            var connection = await ConnectionAsync(portal, ids[vendor]);
            Assert.Equal(vendor == VendorKind.NfonCallHistory ? ConnectionState.Live : ConnectionState.Polling, connection.State);
            Assert.Equal(0, connection.SkippedRecords);
        }
        await using (var db = await DbAsync(portal))
        {
            var directory = await db.Extensions.Where(e => e.SourceConnectionId == ids[VendorKind.NfonCti]).Select(e => e.Number).ToListAsync();
            Assert.Equal(SandboxCompany.Extensions.Select(e => e.Number).Order(), directory.Order());
            Assert.True(await db.Transcripts.AnyAsync(), "NFON transcripts are stored with their calls");
            Assert.True(await db.Recordings.AnyAsync(), "CINNOX and WebFones recordings are stored with their calls");
        }
        await AssertRollupsMatchCallsAsync(portal);
    }

    [Fact]
    public async Task Sync_KilledMidBackfillAndRestarted_EndsInSameState()
    {
        // Slow day windows: the backfill takes many requests, so the portal is stopped in the middle of it.
        await using var sandbox = await SyncEnvironment.StartAsync("--Sandbox:Faults:Cinnox:LatencyMilliseconds=150");
        var dataDirectory = Directory.CreateTempSubdirectory("portal-restart-").FullName;
        var first = sandbox.ReopenPortal(dataDirectory);
        var id = await sandbox.AddConnectionAsync(first, VendorKind.Cinnox);
        await WaitUntilAsync(async () =>
        {
            await using var db = await DbAsync(first);
            return await db.Calls.AnyAsync(c => c.ConnectionId == id);
        }, "the backfill has stored its first page");
        Assert.Equal(ConnectionState.Backfilling, (await ConnectionAsync(first, id)).State);
        first.Dispose();

        var second = sandbox.ReopenPortal(dataDirectory);
        await WaitForSuccessAsync(second, id);

        var expected = sandbox.GroundTruth(VendorKind.Cinnox).Select(c => ExpectedCall.For(VendorKind.Cinnox, c)).OrderBy(c => c.VendorCallId, StringComparer.Ordinal);
        Assert.Equal(expected, (await StoredCallsAsync(second, id)).OrderBy(c => c.VendorCallId, StringComparer.Ordinal));
        await AssertRollupsMatchCallsAsync(second);
        second.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Sync_WithFaults_StoresGroundTruthMinusExactlyTheMalformedRecords()
    {
        await using var sandbox = await SyncEnvironment.StartAsync("--Sandbox:NfonCti:AccessTokenLifetime=00:00:02");
        foreach (var vendor in RecordVendors)
        {
            sandbox.Faults.Set(vendor, new VendorFaults { FailNextRequests = 2, MalformedRate = 0.1 });
        }
        using var portal = sandbox.StartPortal();
        var ids = new Dictionary<VendorKind, int>();
        foreach (var vendor in RecordVendors)
        {
            ids[vendor] = await sandbox.AddConnectionAsync(portal, vendor);
        }
        // A 429 storm in the middle of it, answered with Retry-After.
        sandbox.Faults.Set(VendorKind.WebFones, sandbox.Faults.Get(VendorKind.WebFones) with { RateLimitNextRequests = 3, RetryAfterSeconds = 1 });

        foreach (var vendor in RecordVendors)
        {
            var id = ids[vendor];
            await WaitForSuccessAsync(portal, id);
            var truth = sandbox.GroundTruth(vendor).Select(c => ExpectedCall.For(vendor, c)).ToDictionary(c => c.VendorCallId);
            var stored = await StoredCallsAsync(portal, id);
            await using var db = await DbAsync(portal);
            var skipped = await db.SkippedVendorRecords.Where(s => s.ConnectionId == id).Select(s => s.VendorKey).ToListAsync();

            Assert.All(stored, call => Assert.Equal(truth[call.VendorCallId], call));
            Assert.Equal(truth.Count, stored.Count + skipped.Count);
            Assert.Empty(stored.Select(c => c.VendorCallId).Intersect(skipped));
            Assert.Equal(skipped.Count, (await ConnectionAsync(portal, id)).SkippedRecords);
        }
        await AssertRollupsMatchCallsAsync(portal);
    }

    [Fact]
    public async Task Sync_OneVendorDown_OthersKeepSyncing()
    {
        await using var sandbox = await SyncEnvironment.StartAsync();
        sandbox.Faults.Set(VendorKind.WebFones, new VendorFaults { ErrorRate = 1 });
        using var portal = sandbox.StartPortal(("Sync:MaxBackoff", "00:00:01"));
        var down = await sandbox.AddConnectionAsync(portal, VendorKind.WebFones);
        var up = await sandbox.AddConnectionAsync(portal, VendorKind.Unpod);

        await WaitForSuccessAsync(portal, up);
        await WaitUntilAsync(async () => (await ConnectionAsync(portal, down)).ConsecutiveErrors >= 2, "the failing vendor has failed twice");

        var failing = await ConnectionAsync(portal, down);
        Assert.Equal(ConnectionState.Failing, failing.State);
        Assert.Contains("WebFones", failing.LastError);
        Assert.Null(failing.LastSuccessAtUtc);
        Assert.Equal(sandbox.GroundTruth(VendorKind.Unpod).Count, (await StoredCallsAsync(portal, up)).Count);
    }

    [Fact]
    public async Task Sync_ConnectionDeclaredInConfiguration_Syncs()
    {
        await using var sandbox = await SyncEnvironment.StartAsync();
        using var portal = sandbox.StartPortal(
            ("Portal:Connections:0:Name", "Declared CINNOX"),
            ("Portal:Connections:0:Vendor", "Cinnox"),
            ("Portal:Connections:0:BaseUrl", new Uri(sandbox.SandboxAddress, "/cinnox").ToString()),
            ("Portal:Connections:0:PhoneRegion", "DE"),
            ("Portal:Connections:0:BackfillDays", "30"),
            ("Portal:Connections:0:PollIntervalSeconds", "3600"),
            ("Portal:Connections:0:AppId", "sandbox-app"),
            ("Portal:Connections:0:AppToken", "sandbox-cinnox-token"));
        int id;
        await using (var db = await DbAsync(portal))
        {
            var declared = await db.Connections.SingleAsync();
            Assert.True(declared.ManagedByConfiguration);
            id = declared.Id;
        }

        await WaitForSuccessAsync(portal, id);

        var expected = sandbox.GroundTruth(VendorKind.Cinnox).Select(c => ExpectedCall.For(VendorKind.Cinnox, c)).OrderBy(c => c.VendorCallId, StringComparer.Ordinal);
        Assert.Equal(expected, (await StoredCallsAsync(portal, id)).OrderBy(c => c.VendorCallId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Resync_AfterPortalDeletedCalls_DoesNotBringThemBack()
    {
        await using var sandbox = await SyncEnvironment.StartAsync();
        using var portal = sandbox.StartPortal();
        var id = await sandbox.AddConnectionAsync(portal, VendorKind.Unpod);
        await WaitForSuccessAsync(portal, id);
        var deleted = (await StoredCallsAsync(portal, id)).Take(5).Select(c => c.VendorCallId).ToList();

        var ingestor = portal.Services.GetRequiredService<Portal.Web.Features.Sync.Ingest.CallIngestor>();
        Assert.Equal(5, await ingestor.DeleteAsync(id, deleted, CancellationToken.None));
        await AssertRollupsMatchCallsAsync(portal);

        await ResyncEverythingAsync(sandbox, portal, id);

        var stored = await StoredCallsAsync(portal, id);
        Assert.Equal(sandbox.GroundTruth(VendorKind.Unpod).Count - 5, stored.Count);
        Assert.Empty(stored.Select(c => c.VendorCallId).Intersect(deleted));
        await AssertRollupsMatchCallsAsync(portal);
    }
}
