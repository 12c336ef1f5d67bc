using Portal.Web.Reporting;

namespace Portal.Web.Tests.Features.Dashboards;

/// <summary>Ranges at the edges of DateOnly and DateTime: resolved and loaded without an exception, within the limits.</summary>
public class DateRangeLimitsTests
{
    public static TheoryData<string, string> Extremes => new()
    {
        { "Pacific/Kiritimati", "min-max" },
        { "Pacific/Pago_Pago", "min-max" },
        { "UTC", "min-min" },
        { "Pacific/Kiritimati", "max-max" },
        { "Etc/GMT+12", "max-min" },
    };

    [Theory]
    [MemberData(nameof(Extremes))]
    public void Resolve_CustomRangeAtTheEdgesOfDateOnly_StaysWithinTheLimits(string zoneId, string ends)
    {
        var pick = (string end) => end == "min" ? DateOnly.MinValue : DateOnly.MaxValue;
        var filter = new DashboardFilter { Range = DateRangePreset.Custom, From = pick(ends[..3]), To = pick(ends[4..]) };
        var now = DashboardDatabase.Now;

        var period = ReportingPeriod.Resolve(filter, TimeZoneInfo.FindSystemTimeZoneById(zoneId), now);

        Assert.InRange(period.FirstDay, DateRangeLimits.Earliest, period.LastDay);
        Assert.InRange(period.LastDay, period.FirstDay, DateRangeLimits.Latest(DateRangeLimits.Today(now)));
        Assert.True(period.LastDay.DayNumber - period.FirstDay.DayNumber < DateRangeLimits.MaxYears * 366);
        Assert.InRange(period.Buckets().Count, 1, DateRangeLimits.MaxYears * 366);
    }

    [Fact]
    public async Task Load_RangeOfTheWholeCalendarFromTheUrl_ReturnsAtMostFiveYearsOfDays()
    {
        await using var database = await DashboardDatabase.StartAsync("Sqlite");
        await database.AddCallsAsync(await database.AddCompanyAsync(), count: 200);
        var (filter, errors) = DashboardFilterQuery.Parse("?from=0001-01-01&to=9999-12-31", DateRangeLimits.Today(DashboardDatabase.Now));

        var data = await database.Query.LoadWithCallListsAsync(DashboardQueryTests.Supervisor, filter, TimeZoneInfo.FindSystemTimeZoneById("Pacific/Kiritimati"));

        Assert.Equal(3, errors.Count);
        Assert.Equal(200, data.Current.Total);
        Assert.InRange(data.Volume.Count, 5 * 365, 5 * 366);
    }
}
