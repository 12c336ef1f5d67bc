using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Telephony.Calls;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention.Policies;
using Portal.Web.Tests.Features.Sync;
using static Portal.Web.Tests.Features.Sync.SyncProbe;

namespace Portal.Web.Tests.Features.Retention;

/// <summary>
/// Purged transcripts and recording links stay purged: the sandboxes of NFON Call History (transcripts) and CINNOX (recordings)
/// send their whole traffic again, and the calls come back to nothing they lost.
/// </summary>
public class PurgeResyncTests
{
    [Fact]
    public async Task Resync_AfterTranscriptAndRecordingPurges_BringsNeitherBack()
    {
        await using var sandbox = await SyncEnvironment.StartAsync();
        using var portal = sandbox.StartPortal();
        var nfon = await sandbox.AddConnectionAsync(portal, VendorKind.NfonCallHistory);
        var cinnox = await sandbox.AddConnectionAsync(portal, VendorKind.Cinnox);
        await WaitForSuccessAsync(portal, nfon);
        await WaitForSuccessAsync(portal, cinnox);
        long calls, transcripts, recordings;
        await using (var db = await DbAsync(portal))
        {
            (calls, transcripts, recordings) = (await db.Calls.LongCountAsync(), await db.Calls.LongCountAsync(c => c.HasTranscript),
                await db.Recordings.LongCountAsync());
        }
        Assert.True(transcripts > 0 && recordings > 0, "the sandboxes send transcripts and recordings");
        await portal.Services.GetRequiredService<RetentionPolicies>().SaveAsync(RetentionHost.Admin,
            new RetentionPolicyDraft(null, null, CallDays: null, TranscriptDays: 1, RecordingDays: 1, true));

        // Everything has started before "tomorrow less one day": the run due then takes every transcript and recording link.
        var runAt = sandbox.Clock.UtcNow.AddDays(1);
        var jobIds = await portal.Services.GetRequiredService<RetentionPurgeScheduler>().RunAsync(runAt, CancellationToken.None);
        await WaitUntilAsync(async () =>
        {
            await using var db = await DbAsync(portal);
            return await db.DeletionJobs.CountAsync(j => jobIds.Contains(j.Id) && j.State == DeletionJobState.Completed) == 2;
        }, "both purge jobs complete");
        await ResyncEverythingAsync(sandbox, portal, nfon);
        await ResyncEverythingAsync(sandbox, portal, cinnox);

        await using (var db = await DbAsync(portal))
        {
            Assert.Equal(calls, await db.Calls.LongCountAsync());
            Assert.Equal((0, 0, 0, 0), (await db.Transcripts.CountAsync(), await db.TranscriptSegments.CountAsync(), await db.Recordings.CountAsync(),
                await db.Calls.CountAsync(c => c.HasTranscript || c.HasRecording)));
        }
        await AssertRollupsMatchCallsAsync(portal);
    }
}
