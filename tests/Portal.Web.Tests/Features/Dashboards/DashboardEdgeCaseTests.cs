using Portal.Telephony.Calls;
using Portal.Web.Reporting;
using Portal.Web.Vendors;
using Portal.Web.Features.Sync.Ingest;

namespace Portal.Web.Tests.Features.Dashboards;

/// <summary>Tiles over one call, and the whole dashboard on PostgreSQL.</summary>
public class DashboardEdgeCaseTests
{
    [Fact]
    public async Task Dashboard_OneCall_MedianAndPercentileAreThatCall()
    {
        await using var database = await DashboardDatabase.StartAsync("Sqlite");
        var ids = await database.AddCompanyAsync();
        var call = new NormalizedCall
        {
            VendorCallId = "only", Direction = CallDirection.Outbound, Outcome = CallOutcome.Answered,
            StartedAtUtc = DashboardDatabase.Now.UtcDateTime.AddHours(-2), DurationSeconds = 42, RingSeconds = 7, Extension = "101", RawPayload = "{}",
        };
        await database.Ingestor.IngestAsync(ids[0], [call], [], new CursorUpdate(SyncStreams.Records, call.StartedAtUtc), CancellationToken.None);

        var actual = (await database.Query.LoadAsync(DashboardQueryTests.Supervisor, new DashboardFilter { Range = DateRangePreset.Today }, TimeZoneInfo.Utc)).Current;

        Assert.Equal((1, 1, 0, 42L), (actual.Total, actual.Answered, actual.Inbound, actual.TotalTalkSeconds));
        Assert.Equal((42.0, 42.0, 42.0, 7.0), (actual.AverageTalkSeconds, actual.MedianTalkSeconds, actual.P90TalkSeconds, actual.AverageRingSeconds));
        Assert.Null(actual.MissedRate);
        Assert.Equal(1.0, actual.AnswerRate);
    }

    [Theory]
    [InlineData("Last30Days", "Europe/Berlin")]
    [InlineData("Today", "America/New_York")]
    public async Task Dashboard_OnPostgres_EqualsTheFiguresComputedFromTheCallRecords(string range, string zoneId)
    {
        await using var database = await DashboardDatabase.StartAsync("Postgres");
        var ids = await database.AddCompanyAsync();
        await database.AddCallsAsync(ids, count: 1500);
        var filter = new DashboardFilter { Range = Enum.Parse<DateRangePreset>(range) };
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var expected = new ExpectedDashboard(await database.CallsAsync(), filter, zone, DashboardDatabase.Now, await database.TeamsAsync(), null);

        var actual = await database.Query.LoadWithCallListsAsync(DashboardQueryTests.Supervisor, filter, zone);

        Assert.NotEmpty(expected.Calls);
        Assert.Equal(ExpectedDashboard.Tiles(expected.Calls), ExpectedDashboard.Tiles(actual.Current));
        Assert.Equal(ExpectedDashboard.Tiles(expected.PreviousCalls), ExpectedDashboard.Tiles(actual.Previous));
        Assert.Equal(expected.Calls.Count, actual.Volume.Sum(b => b.Total));
        Assert.Equal(expected.Unreturned.Take(DashboardQuery.UnreturnedLimit).Select(c => c.Id), actual.Lists!.Unreturned.Calls.Select(c => c.CallId));
    }
}
