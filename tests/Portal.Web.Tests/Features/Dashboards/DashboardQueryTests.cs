using Portal.Web.Reporting.Rollups;
using Portal.Telephony.Calls;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Reporting;

namespace Portal.Web.Tests.Features.Dashboards;

/// <summary>A SQLite database with the company's calls, filled once for all filter cases.</summary>
public sealed class DashboardDataset : IAsyncLifetime
{
    public DashboardDatabase Database { get; private set; } = null!;
    public int[] ConnectionIds { get; private set; } = [];
    public List<Call> Calls { get; private set; } = [];
    public Dictionary<string, string[]> Teams { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Database = await DashboardDatabase.StartAsync("Sqlite");
        ConnectionIds = await Database.AddCompanyAsync();
        await Database.AddCallsAsync(ConnectionIds);
        Calls = await Database.CallsAsync();
        Teams = await Database.TeamsAsync();
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

/// <summary>Every tile, chart series and table of the dashboard against the same figures computed from the call records in the test.</summary>
public class DashboardQueryTests(DashboardDataset data) : IClassFixture<DashboardDataset>
{
    internal static readonly PortalUser Admin = new("a", "Admin", [PortalRoles.Admin], []);
    internal static readonly PortalUser Supervisor = new("s", "Supervisor", [PortalRoles.Supervisor], []);
    internal static readonly PortalUser SupportLead = new("t", "Team lead", [PortalRoles.Supervisor], ["support"]);

    public static TheoryData<string> Cases => new(FilterCases.Keys);

    private static readonly Dictionary<string, (DashboardFilter Filter, string Zone, PortalUser User)> FilterCases = new()
    {
        ["last 7 days, Berlin"] = (new DashboardFilter(), "Europe/Berlin", Supervisor),
        ["last 30 days over the DST change, inbound, one vendor"] = (new DashboardFilter
            { Range = DateRangePreset.Last30Days, Direction = CallDirection.Inbound, Vendors = [VendorKind.NfonCallHistory] }, "Europe/Berlin", Admin),
        ["last 90 days, team support, New York"] = (new DashboardFilter { Range = DateRangePreset.Last90Days, Teams = ["support"] }, "America/New_York", Supervisor),
        ["today by the hour, Tokyo"] = (new DashboardFilter { Range = DateRangePreset.Today }, "Asia/Tokyo", Supervisor),
        ["yesterday, one connection, 2 h call-back window"] = (new DashboardFilter
            { Range = DateRangePreset.Yesterday, ConnectionIds = [2], UnreturnedWindowHours = 2 }, "Europe/Berlin", Supervisor),
        ["team lead, 12 months, extensions partly of another team"] = (new DashboardFilter
            { Range = DateRangePreset.Last12Months, Extensions = ["108", "109", "100"] }, "Europe/Berlin", SupportLead),
        ["team lead, last month"] = (new DashboardFilter { Range = DateRangePreset.LastMonth }, "UTC", SupportLead),
        ["custom range around the DST change, outbound"] = (new DashboardFilter
            { Range = DateRangePreset.Custom, From = new DateOnly(2026, 10, 20), To = new DateOnly(2026, 10, 28), Direction = CallDirection.Outbound },
            "Europe/Berlin", Supervisor),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Dashboard_EqualsTheFiguresComputedFromTheCallRecords(string name)
    {
        var (filter, zoneId, user) = FilterCases[name];
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var expected = new ExpectedDashboard(data.Calls, filter, zone, DashboardDatabase.Now, data.Teams, user.IsTeamLimited ? user.Teams : null);

        var actual = await data.Database.Query.LoadWithCallListsAsync(user, filter, zone);

        Assert.NotEmpty(expected.Calls);
        Assert.Equal((expected.First, expected.Last), (actual.Period.FirstDay, actual.Period.LastDay));
        Assert.Equal(ExpectedDashboard.Tiles(expected.Calls), ExpectedDashboard.Tiles(actual.Current));
        Assert.Equal(ExpectedDashboard.Tiles(expected.PreviousCalls), ExpectedDashboard.Tiles(actual.Previous));
        Assert.False(actual.Current.PercentilesEstimated);
        AssertCharts(expected, actual);
        AssertTables(expected, actual, user);
    }

    private static void AssertCharts(ExpectedDashboard expected, DashboardData actual)
    {
        var hourly = actual.Period.BucketSize == BucketSize.Hour;
        Assert.Equal(hourly, expected.Last.DayNumber - expected.First.DayNumber < 2);
        DateTime BucketOf(Call c) => hourly ? expected.Local(c).Date.AddHours(expected.Local(c).Hour) : expected.Local(c).Date;
        var byBucket = expected.Calls.ToLookup(BucketOf);
        Assert.All(actual.Volume, bucket =>
        {
            var calls = byBucket[bucket.LocalStart].ToList();
            Assert.Equal(
                (calls.Count(c => c.Outcome == CallOutcome.Answered), calls.Count(c => c.Outcome == CallOutcome.Missed),
                    calls.Count(c => c.Outcome == CallOutcome.NotConnected), calls.Count(c => c.Outcome == CallOutcome.Failed),
                    calls.Count(c => c.Direction == CallDirection.Inbound)),
                (bucket.Answered, bucket.Missed, bucket.NotConnected, bucket.Failed, bucket.Inbound));
        });
        Assert.Equal(expected.Calls.Count, actual.Volume.Sum(b => b.Total));
        Assert.Equal(expected.Calls.Select(BucketOf).Distinct().Order(), actual.Volume.Where(b => b.Total > 0).Select(b => b.LocalStart));

        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            for (var hour = 0; hour < 24; hour++)
            {
                var calls = expected.Calls.Where(c => expected.Local(c).DayOfWeek == day && expected.Local(c).Hour == hour).ToList();
                Assert.Equal(calls.Count, actual.CallsByWeekHour[day, hour]);
                Assert.Equal(calls.Count(c => c.Outcome == CallOutcome.Missed), actual.MissedByWeekHour[day, hour]);
            }
        }

        var answered = expected.Calls.Where(c => c.Outcome == CallOutcome.Answered).ToList();
        Assert.Equal(Enumerable.Range(0, 8).Select(b => answered.Count(c => TalkBuckets.Of(c.DurationSeconds) == b)), actual.TalkHistogram);
        Assert.Equal(expected.Calls.GroupBy(c => c.Outcome).OrderBy(g => g.Key).Select(g => new OutcomeCount(g.Key, g.Count())), actual.Outcomes);
        Assert.Equal(
            expected.Calls.GroupBy(c => c.Connection!.Vendor).OrderBy(g => g.Key).Select(g => new VendorStats(g.Key, g.Count(),
                g.Count(c => c.Outcome == CallOutcome.Answered), g.Where(c => c.Outcome == CallOutcome.Answered).Sum(c => (long)c.DurationSeconds))),
            actual.Vendors);
    }

    private static void AssertTables(ExpectedDashboard expected, DashboardData actual, PortalUser user)
    {
        var extensions = expected.Calls.GroupBy(c => c.Extension ?? "")
            .Select(g => new ExtensionStats(g.Key, g.Key == "" ? null : $"Agent {g.Key}", g.Count(), g.Count(c => c.Outcome == CallOutcome.Answered),
                g.Count(c => c.Direction == CallDirection.Inbound), g.Count(c => c.Outcome == CallOutcome.Missed),
                g.Where(c => c.Outcome == CallOutcome.Answered).Sum(c => (long)c.DurationSeconds)))
            .OrderByDescending(e => e.Calls).ThenBy(e => e.Extension, StringComparer.Ordinal);
        Assert.Equal(extensions, actual.Extensions);
        if (user.IsTeamLimited)
        {
            Assert.All(actual.Extensions, e => Assert.InRange(int.Parse(e.Extension, System.Globalization.CultureInfo.InvariantCulture), 108, 115));
        }

        var numbers = expected.Calls.Where(c => c.ExternalNumber is not null).GroupBy(c => c.ExternalNumber!)
            .Select(g => (Number: g.Key, Calls: g.Count(), Inbound: g.Count(c => c.Direction == CallDirection.Inbound),
                Missed: g.Count(c => c.Outcome == CallOutcome.Missed), Last: g.Max(c => c.StartedAtUtc)))
            .OrderByDescending(n => n.Calls).ThenBy(n => n.Number, StringComparer.Ordinal).Take(DashboardQuery.TopNumbersLimit);
        Assert.Equal(numbers, actual.Lists!.TopNumbers.Select(n => (n.Number, n.Calls, n.Inbound, n.Missed, Last: n.LastCallUtc)));

        var unreturned = expected.Unreturned.Take(DashboardQuery.UnreturnedLimit).Select(c => (c.Id, c.ExternalNumber, c.Extension)).ToList();
        Assert.Equal(unreturned, actual.Lists!.Unreturned.Calls.Select(c => (c.CallId, (string?)c.Number, c.Extension)));
        Assert.Equal(expected.Unreturned.Count > DashboardQuery.UnreturnedLimit, actual.Lists!.Unreturned.MoreExist);
    }

    [Fact]
    public async Task Dashboard_NoInboundCalls_HasNoMissedRate()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var actual = await data.Database.Query.LoadWithCallListsAsync(Supervisor, new DashboardFilter { Direction = CallDirection.Outbound }, zone);

        Assert.True(actual.Current.Total > 0);
        Assert.Equal((0, 0, (double?)null), (actual.Current.Inbound, actual.Current.Missed, actual.Current.MissedRate));
        Assert.NotNull(actual.Current.AnswerRate);
        Assert.Empty(actual.Lists!.Unreturned.Calls);
    }

    [Fact]
    public async Task Dashboard_RangeWithoutCalls_IsEmptyWithoutRatesOrAverages()
    {
        var actual = await data.Database.Query.LoadWithCallListsAsync(Supervisor,
            new DashboardFilter { Range = DateRangePreset.Custom, From = new DateOnly(2025, 1, 1), To = new DateOnly(2025, 1, 31) }, TimeZoneInfo.Utc);

        Assert.True(actual.IsEmpty);
        Assert.Equal(CallKpis.None, actual.Current);
        Assert.Equal(31, actual.Volume.Count);
        Assert.All(actual.Volume, b => Assert.Null(b.MissedRate));
        Assert.Empty(actual.Extensions);
    }

    [Fact]
    public async Task Dashboard_UserWithoutRole_IsRefused()
    {
        var nobody = new PortalUser("n", "Nobody", [], []);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => data.Database.Query.LoadAsync(nobody, new DashboardFilter(), TimeZoneInfo.Utc));
    }

    [Fact]
    public async Task Dashboard_TeamLeadAskingForAnotherTeam_SeesNothing()
    {
        var actual = await data.Database.Query.LoadWithCallListsAsync(SupportLead, new DashboardFilter { Range = DateRangePreset.Last90Days, Teams = ["sales"] }, TimeZoneInfo.Utc);

        Assert.True(actual.IsEmpty);
        Assert.Empty(actual.Lists!.TopNumbers);
    }

    [Fact]
    public async Task LoadPage_ThenCallListsForItsScope_TwoContextsAndTheWholeDashboard()
    {
        var contexts = new CountingContexts(data.Database.Contexts);
        var query = new DashboardQuery(contexts, new DashboardDatabase.FixedClock(DashboardDatabase.Now));
        var filter = new DashboardFilter { Range = DateRangePreset.Last30Days };
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var page = await query.LoadPageAsync(SupportLead, filter, zone);
        var lists = await query.LoadCallListsAsync(page.Scope, filter, zone);

        Assert.Equal(2, contexts.Created);
        var whole = await data.Database.Query.LoadWithCallListsAsync(SupportLead, filter, zone);
        Assert.True(whole.Current.Total > 0);
        Assert.Equal((whole.Current, whole.Previous), (page.Data.Current, page.Data.Previous));
        Assert.Equal(whole.Volume, page.Data.Volume);
        Assert.Equal(whole.Extensions, page.Data.Extensions);
        Assert.Equal(whole.Lists!.TopNumbers, lists.TopNumbers);
        Assert.Equal(whole.Lists.Unreturned.Calls, lists.Unreturned.Calls);
        var choices = await data.Database.Search.LoadChoicesAsync(SupportLead);
        Assert.Equal(choices.Connections, page.Choices.Connections);
        Assert.Equal(choices.Extensions, page.Choices.Extensions);
        Assert.Equal(["support"], page.Choices.Teams.Select(t => t.Key));
    }

    [Fact]
    public async Task LoadPage_UserWithoutRole_IsRefused()
    {
        var nobody = new PortalUser("n", "Nobody", [], []);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => data.Database.Query.LoadPageAsync(nobody, new DashboardFilter(), TimeZoneInfo.Utc));
    }

    /// <summary>Counts the contexts a load opens.</summary>
    private sealed class CountingContexts(IDbContextFactory<PortalDbContext> inner) : IDbContextFactory<PortalDbContext>
    {
        public int Created;

        public PortalDbContext CreateDbContext()
        {
            Interlocked.Increment(ref Created);
            return inner.CreateDbContext();
        }
    }
}
