using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Data.CallStore;
using Portal.Telephony.Calls;
using Portal.Web.Tests.Features.Sync;
using static Portal.Web.Tests.Features.Sync.SyncProbe;

namespace Portal.Web.Tests.Data.CallStore;

/// <summary>Deleted stays deleted: the sandbox sends its whole traffic again and the deleted calls do not come back.</summary>
public class CallDeletionResyncTests
{
    [Fact]
    public async Task Resync_AfterTheEngineDeletedCallsWithRecordings_DoesNotBringThemBack()
    {
        await using var sandbox = await SyncEnvironment.StartAsync();
        using var portal = sandbox.StartPortal();
        var id = await sandbox.AddConnectionAsync(portal, VendorKind.Cinnox);
        await WaitForSuccessAsync(portal, id);
        List<string> deleted;
        await using (var db = await DbAsync(portal))
        {
            deleted = await db.Calls.Where(c => c.ConnectionId == id && (c.HasRecording || c.Id % 4 == 0)).Select(c => c.VendorCallId).ToListAsync();
        }
        Assert.NotEmpty(deleted);

        var engine = portal.Services.GetRequiredService<CallDeletionEngine>();
        Assert.Equal(deleted.Count, await engine.DeleteAsync(db => db.Calls.Where(c => c.ConnectionId == id && deleted.Contains(c.VendorCallId)).Select(c => c.Id),
            CallDeletionScope.Calls, null, CancellationToken.None, batchSize: 10));
        await AssertRollupsMatchCallsAsync(portal);

        await ResyncEverythingAsync(sandbox, portal, id); // the sandbox sends every call again

        var stored = await StoredCallsAsync(portal, id);
        Assert.Equal(sandbox.GroundTruth(VendorKind.Cinnox).Count - deleted.Count, stored.Count);
        Assert.Empty(stored.Select(c => c.VendorCallId).Intersect(deleted));
        await using (var db = await DbAsync(portal))
        {
            Assert.False(await db.Recordings.AnyAsync(r => !db.Calls.Any(c => c.Id == r.CallId)), "no recording of a deleted call is left");
            Assert.False(await db.Calls.AnyAsync(c => c.HasRecording), "every call with a recording was deleted and stayed deleted");
        }
        await AssertRollupsMatchCallsAsync(portal);
    }
}
