using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Audit;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention;
using Portal.Web.Features.Retention.Holds;
using Portal.Web.Tests.Data.CallStore;
using static Portal.Web.Tests.Features.Sync.SyncProbe;

namespace Portal.Web.Tests.Features.Retention;

/// <summary>
/// Legal holds: a hold on a connection, a team or a phone number keeps its calls out of every deletion job (left out when
/// the job is created, skipped when held later), a released hold blocks nothing, and only administrators manage them.
/// </summary>
public class LegalHoldTests
{
    /// <summary>MixedCalls gives call 5 of each connection this number; typed nationally, read in the connections' region (DE).</summary>
    internal const string HeldNumberTyped = "030 1234005";
    internal const string HeldNumber = "+49301234005";
    internal const string TeamExtension = "101";

    public static TheoryData<string> Providers => DatabaseHost.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task WizardJob_HoldsOnConnectionTeamAndNumber_LeaveTheirCallsOutAndSayHowMany(string provider)
    {
        using var portal = await RetentionHost.CreateAsync(provider);
        var calls = await MixedCalls.IngestAsync(portal.Host);
        var holds = Holds(portal);
        var teamId = await AddTeamAsync(portal, "Sales", TeamExtension);
        await holds.PlaceAsync(RetentionHost.Admin, new LegalHoldRequest(LegalHoldKind.Connection, calls.ConnectionB, null, null, "case 1"));
        await holds.PlaceAsync(RetentionHost.Admin, new LegalHoldRequest(LegalHoldKind.Team, null, teamId, null, "case 2"));
        await holds.PlaceAsync(RetentionHost.Admin, new LegalHoldRequest(LegalHoldKind.Number, null, null, HeldNumberTyped, "case 3"));
        var all = await portal.CallIdsAsync();
        var held = await portal.CallIdsAsync(q => q.Where(c => c.ConnectionId == calls.ConnectionB || c.Extension == TeamExtension || c.ExternalNumber == HeldNumber));
        long teamCalls = (await portal.CallIdsAsync(q => q.Where(c => c.Extension == TeamExtension))).Length;

        var exclusions = await holds.ExclusionsAsync(RetentionHost.Admin, db => db.Calls.Select(c => c.Id));
        var id = await portal.Jobs.CreateAsync(RetentionHost.Admin, new DeletionJobRequest(DeletionJobKind.WizardFilter, CallDeletionScope.Calls, all, "T-1", "all calls"));
        await portal.Runner.RunPendingAsync(CancellationToken.None);

        Assert.Equal([MixedCalls.PerConnection, teamCalls, 2L], exclusions.Select(e => e.Calls));
        Assert.Equal(["connection Cinnox", "team Sales", $"number {HeldNumber}"], exclusions.Select(e => $"{e.Kind.ToString().ToLowerInvariant()} {e.TargetName}"));
        var job = await portal.JobAsync(id);
        Assert.Equal((DeletionJobState.Completed, all.LongLength - held.Length, all.LongLength - held.Length), (job.State, job.SelectedCount, job.DeletedCount));
        Assert.Contains($"{held.Length} calls under legal hold left out", job.Selection);
        Assert.Contains("hold on team Sales (case 2) excludes", job.Selection);
        Assert.Equal(held, await portal.CallIdsAsync());
        await AssertRollupsMatchCallsAsync(portal.Contexts);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Runner_CallHeldAfterTheJobWasCreated_IsSkippedDoneButNotDeleted(string provider)
    {
        using var portal = await RetentionHost.CreateAsync(provider);
        var calls = await MixedCalls.IngestAsync(portal.Host);
        var all = await portal.CallIdsAsync();
        var id = await portal.Jobs.CreateAsync(RetentionHost.Admin, new DeletionJobRequest(DeletionJobKind.WizardFilter, CallDeletionScope.Calls, all, "T-2"));
        await Holds(portal).PlaceAsync(RetentionHost.Admin, new LegalHoldRequest(LegalHoldKind.Number, null, null, "+49 30 1234005", "subpoena"));

        await portal.Runner.RunPendingAsync(CancellationToken.None);

        var job = await portal.JobAsync(id);
        Assert.Equal((DeletionJobState.Completed, all.LongLength, all.LongLength, all.LongLength - 2), (job.State, job.SelectedCount, job.ProcessedCount, job.DeletedCount));
        Assert.Equal(2, (await portal.CallIdsAsync()).Length);
        await using (var db = await portal.Contexts.CreateDbContextAsync())
        {
            Assert.Equal(2, await db.DeletionJobItems.CountAsync(i => i.JobId == id && i.Done && !i.Deleted));
            Assert.Equal([calls.ConnectionA, calls.ConnectionB], await db.Calls.Select(c => c.ConnectionId).OrderBy(c => c).ToListAsync());
        }
        await AssertRollupsMatchCallsAsync(portal.Contexts);
    }

    [Fact]
    public async Task Release_TheHold_NoLongerBlocksAndKeepsWhoReleasedIt()
    {
        using var portal = await RetentionHost.CreateAsync("Sqlite");
        var calls = await MixedCalls.IngestAsync(portal.Host);
        var holds = Holds(portal);
        var holdId = await holds.PlaceAsync(RetentionHost.Admin, new LegalHoldRequest(LegalHoldKind.Connection, calls.ConnectionA, null, null, "case 9"));

        await holds.ReleaseAsync(RetentionHost.Admin, holdId);
        var id = await portal.Jobs.CreateAsync(RetentionHost.Admin,
            new DeletionJobRequest(DeletionJobKind.WizardFilter, CallDeletionScope.Calls, await portal.CallIdsAsync(), "T-3"));
        await portal.Runner.RunPendingAsync(CancellationToken.None);

        Assert.Empty(await portal.CallIdsAsync());
        Assert.DoesNotContain("legal hold", (await portal.JobAsync(id)).Selection ?? "");
        var hold = Assert.Single(await holds.ListAsync(RetentionHost.Admin));
        Assert.Equal(("Ada Admin", "Ada Admin", true), (hold.PlacedByName, hold.ReleasedByName, hold.ReleasedAtUtc is not null));
        await Assert.ThrowsAsync<RetentionRefusedException>(() => holds.ReleaseAsync(RetentionHost.Admin, holdId));
        Assert.Equal([LegalHolds.PlaceAction, LegalHolds.ReleaseAction, LegalHolds.ReleaseAction],
            (await portal.AuditAsync()).Where(e => e.Target == $"legal hold {holdId}").Select(e => e.Action));
    }

    [Fact]
    public async Task WizardJob_EveryCallHeld_IsRefusedAndSaysSo()
    {
        using var portal = await RetentionHost.CreateAsync("Sqlite");
        var calls = await MixedCalls.IngestAsync(portal.Host);
        await Holds(portal).PlaceAsync(RetentionHost.Admin, new LegalHoldRequest(LegalHoldKind.Connection, calls.ConnectionA, null, null, "case 5"));
        var onA = await portal.CallIdsAsync(q => q.Where(c => c.ConnectionId == calls.ConnectionA));

        var refused = await Assert.ThrowsAsync<DeletionJobRefusedException>(() => portal.Jobs.CreateAsync(RetentionHost.Admin,
            new DeletionJobRequest(DeletionJobKind.WizardFilter, CallDeletionScope.Calls, onA, "T-4")));

        Assert.Contains("under legal hold", refused.Message);
        Assert.Equal(2 * MixedCalls.PerConnection, (await portal.CallIdsAsync()).Length);
    }

    [Theory]
    [InlineData(LegalHoldKind.Number, "hello", "reason", "no phone number")]
    [InlineData(LegalHoldKind.Number, "+49 30 1, +49 30 2", "reason", "one phone number")]
    [InlineData(LegalHoldKind.Number, "+49 30 1234005", " ", "reason")]
    [InlineData(LegalHoldKind.Connection, null, "reason", "connection that exists")]
    [InlineData(LegalHoldKind.Team, null, "reason", "team that exists")]
    public async Task Place_BadInput_IsRefusedWithAClearMessage(LegalHoldKind kind, string? number, string reason, string message)
    {
        using var portal = await RetentionHost.CreateAsync("Sqlite");
        await MixedCalls.IngestAsync(portal.Host);

        var refused = await Assert.ThrowsAsync<RetentionRefusedException>(() =>
            Holds(portal).PlaceAsync(RetentionHost.Admin, new LegalHoldRequest(kind, 999, 999, number, reason)));

        Assert.Contains(message, refused.Message);
        Assert.Contains(await portal.AuditAsync(), e => e.Action == LegalHolds.PlaceAction && e.Refused);
    }

    [Fact]
    public async Task EveryAction_Supervisor_IsRefusedAndLogged()
    {
        using var portal = await RetentionHost.CreateAsync("Sqlite");
        var calls = await MixedCalls.IngestAsync(portal.Host);
        var holds = Holds(portal);
        var holdId = await holds.PlaceAsync(RetentionHost.Admin, new LegalHoldRequest(LegalHoldKind.Connection, calls.ConnectionA, null, null, "case 6"));
        var supervisor = RetentionHost.Supervisor;

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => holds.ListAsync(supervisor));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => holds.TargetsAsync(supervisor));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => holds.ExclusionsAsync(supervisor, db => db.Calls.Select(c => c.Id)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            holds.PlaceAsync(supervisor, new LegalHoldRequest(LegalHoldKind.Connection, calls.ConnectionB, null, null, "mine")));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => holds.ReleaseAsync(supervisor, holdId));

        Assert.Equal(5, portal.SecurityEvents.Count(e => e.Id.Id == SecurityLog.RefusedEventId && e.Message.Contains("super-1", StringComparison.Ordinal)));
        Assert.Equal([LegalHolds.PlaceAction, LegalHolds.ReleaseAction],
            (await portal.AuditAsync()).Where(e => e.Refused && e.UserName == "Sam Supervisor").Select(e => e.Action));
        var hold = Assert.Single(await holds.ListAsync(RetentionHost.Admin));
        Assert.Null(hold.ReleasedAtUtc);
    }

    internal static LegalHolds Holds(RetentionHost portal) => portal.Host.Services.GetRequiredService<LegalHolds>();

    internal static async Task<int> AddTeamAsync(RetentionHost portal, string name, params string[] extensions)
    {
        await using var db = await portal.Contexts.CreateDbContextAsync();
        var team = new Team { Key = name.ToLowerInvariant(), Name = name };
        foreach (var number in extensions)
        {
            team.Extensions.Add(await db.Extensions.FirstOrDefaultAsync(e => e.Number == number) ?? new Extension { Number = number });
        }
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team.Id;
    }
}
