using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Telephony.Calls;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention;
using Portal.Web.Features.Sync.Ingest;
using static Portal.Web.Tests.Features.Sync.SyncProbe;

namespace Portal.Web.Tests.Features.Retention;

/// <summary>An erasure request as a deletion job: it deletes every call its numbers reach, and they never come back.</summary>
public class ErasureJobTests
{
    public static TheoryData<string> Providers => DatabaseHost.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ErasureJob_DeletesTheNumbersCalls_AndANewConnectionCannotBringThemBack(string provider)
    {
        using var portal = await RetentionHost.CreateAsync(provider);
        var calls = await ErasureTargetTests.IngestAsync(portal.Host);
        var target = await ResolveAsync(portal, "0049 30 40506070");

        var id = await portal.Jobs.CreateErasureAsync(RetentionHost.Admin, target, "GDPR-7");
        await portal.Runner.RunPendingAsync(CancellationToken.None);

        var job = await portal.JobAsync(id);
        Assert.Equal((DeletionJobKind.Erasure, DeletionJobState.Completed, 4L), (job.Kind, job.State, job.DeletedCount));
        await using (var db = await portal.Contexts.CreateDbContextAsync())
        {
            var left = await db.Calls.Select(c => c.VendorCallId).OrderBy(v => v).ToListAsync();
            Assert.Equal(calls.Values.Except(["nfon-national", "nfon-leg", "webfones-0049", "cinnox-plus"]).Order(), left);
        }

        // The same person's calls from before the request, arriving through a new connection of another vendor, are refused;
        // a call after the request is new data.
        var now = portal.Host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        int unpod;
        await using (var db = await portal.Contexts.CreateDbContextAsync())
        {
            var connection = new Connection { Name = "Unpod", Vendor = VendorKind.Unpod, BaseUrl = "http://localhost/", PhoneRegion = "DE" };
            db.Connections.Add(connection);
            await db.SaveChangesAsync();
            unpod = connection.Id;
        }
        var result = await portal.Host.Services.GetRequiredService<CallIngestor>().IngestAsync(unpod,
            [Call("unpod-before", now.AddDays(-30)), Call("unpod-after", now.AddHours(1))], [], null, CancellationToken.None);

        Assert.Equal(1, result.Inserted);
        await using (var db = await portal.Contexts.CreateDbContextAsync())
        {
            Assert.Equal(["unpod-after"], await db.Calls.Where(c => c.ConnectionId == unpod).Select(c => c.VendorCallId).ToListAsync());
        }
        await AssertRollupsMatchCallsAsync(portal.Contexts);
    }

    [Fact]
    public async Task ErasureJob_WithAnEntryThatIsNoNumber_IsRefusedAndNamesIt()
    {
        using var portal = await RetentionHost.CreateAsync("Sqlite");
        await ErasureTargetTests.IngestAsync(portal.Host);
        var target = await ResolveAsync(portal, $"{ErasureTargetTests.Berlin}\nhello");

        var refused = await Assert.ThrowsAsync<DeletionJobRefusedException>(() => portal.Jobs.CreateErasureAsync(RetentionHost.Admin, target, "GDPR-8"));

        Assert.Contains("hello", refused.Message);
        await using var db = await portal.Contexts.CreateDbContextAsync();
        Assert.Empty(await db.DeletionJobs.ToListAsync());
        Assert.Empty(await db.ErasureLedger.ToListAsync());
    }

    [Fact]
    public async Task ErasureJob_Supervisor_IsRefusedAndNothingIsRecorded()
    {
        using var portal = await RetentionHost.CreateAsync("Sqlite");
        await ErasureTargetTests.IngestAsync(portal.Host);
        var target = await ResolveAsync(portal, ErasureTargetTests.Berlin);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Jobs.CreateErasureAsync(RetentionHost.Supervisor, target, "GDPR-9"));

        await using var db = await portal.Contexts.CreateDbContextAsync();
        Assert.Empty(await db.ErasureLedger.ToListAsync());
        Assert.Contains(await db.AuditEntries.ToListAsync(), e => e.Action == DeletionJobs.CreateAction && e.UserName == "Sam Supervisor" && e.Refused);
    }

    private static async Task<ErasureTarget> ResolveAsync(RetentionHost portal, string numbers)
    {
        await using var db = await portal.Contexts.CreateDbContextAsync();
        return await ErasureTarget.ResolveAsync(db, numbers, null, null, CancellationToken.None);
    }

    private static NormalizedCall Call(string id, DateTime start) => new()
    {
        VendorCallId = id,
        Direction = CallDirection.Inbound,
        Outcome = CallOutcome.Answered,
        StartedAtUtc = start,
        DurationSeconds = 60,
        Extension = "101",
        ExternalNumber = ErasureTargetTests.Berlin,
        ExternalNumberOriginal = "+49 30 40506070",
        RawPayload = "{}",
    };
}
