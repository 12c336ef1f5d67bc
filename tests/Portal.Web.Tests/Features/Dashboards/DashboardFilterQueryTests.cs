using System.Globalization;
using Portal.Telephony.Calls;
using Portal.Web.Data.Entities;
using Portal.Web.Reporting;
using Portal.Web.Reporting.Rollups;

namespace Portal.Web.Tests.Features.Dashboards;

public class DashboardFilterQueryTests
{
    /// <summary>The day the parser counts its limits from in these tests (a range may reach 2027-11-23).</summary>
    public static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void Format_ThenParse_GivesTheSameFilter()
    {
        var filter = new DashboardFilter
        {
            Range = DateRangePreset.Custom, From = new DateOnly(2026, 10, 1), To = new DateOnly(2026, 10, 31), ConnectionIds = [3, 1],
            Vendors = [VendorKind.WebFones], Direction = CallDirection.Inbound, Teams = ["support"], Extensions = ["101", "1 02"], UnreturnedWindowHours = 48,
        };

        var query = DashboardFilterQuery.Format(filter);
        var (parsed, errors) = DashboardFilterQuery.Parse(query, Today);

        Assert.Equal("?from=2026-10-01&to=2026-10-31&connection=3&connection=1&vendor=webfones&direction=inbound&team=support&extension=101&extension=1%2002&window=48", query);
        Assert.Empty(errors);
        Assert.Equal(filter, parsed);
    }

    [Fact]
    public void Format_DefaultFilter_IsEmpty() => Assert.Equal("", DashboardFilterQuery.Format(new DashboardFilter()));

    [Fact]
    public void Parse_CommaSeparatedAndRepeatedValues_AreBothRead()
    {
        var (filter, errors) = DashboardFilterQuery.Parse("?range=last30days&extension=101,102&extension=103&connection=2,2", Today);

        Assert.Empty(errors);
        Assert.Equal(DateRangePreset.Last30Days, filter.Range);
        Assert.Equal(["101", "102", "103"], filter.Extensions);
        Assert.Equal([2], filter.ConnectionIds);
    }

    [Theory]
    [InlineData("?range=fortnight", "Unknown date range \"fortnight\"; showing the last 7 days.")]
    [InlineData("?from=2026-13-01", "\"2026-13-01\" is not a date (yyyy-MM-dd); the from date was ignored.")]
    [InlineData("?direction=sideways", "Unknown direction \"sideways\"; showing all directions.")]
    [InlineData("?range=3", "Unknown date range \"3\"; showing the last 7 days.")]
    [InlineData("?vendor=2", "Unknown vendor \"2\" was ignored.")]
    [InlineData("?connection=abc", "Unknown connection \"abc\" was ignored.")]
    [InlineData("?vendor=Skype", "Unknown vendor \"Skype\" was ignored.")]
    [InlineData("?window=0", "The call-back window must be 1 to 720 hours, not \"0\"; using 24.")]
    [InlineData("?range=custom", "A custom range needs a from or to date; showing the last 7 days.")]
    public void Parse_BadValue_IsIgnoredWithAClearError(string query, string error)
    {
        var (filter, errors) = DashboardFilterQuery.Parse(query, Today);

        Assert.Equal([error], errors);
        Assert.Equal(DateRangePreset.Last7Days, filter.Range);
        Assert.Equal((null, 24), (filter.Direction, filter.UnreturnedWindowHours));
    }

    [Theory]
    [InlineData("?from=0001-01-01", "2000-01-01", "2000-01-01",
        "The from date 0001-01-01 is before 2000-01-01, the earliest day the portal shows; it was ignored and the range starts on 2000-01-01.")]
    [InlineData("?to=9999-12-31", "2027-11-23", "2027-11-23",
        "The to date 9999-12-31 is after 2027-11-23, a year from today; it was ignored and the range ends on 2027-11-23.")]
    [InlineData("?from=2019-06-01&to=2026-11-23", "2021-11-24", "2026-11-23",
        "The range 2019-06-01 to 2026-11-23 is longer than 5 years; the days before 2021-11-24 were ignored.")]
    [InlineData("?from=1999-12-31&to=2000-01-05", "2000-01-01", "2000-01-05",
        "The from date 1999-12-31 is before 2000-01-01, the earliest day the portal shows; it was ignored and the range starts on 2000-01-01.")]
    public void Parse_DayOutsideTheLimits_IsLimitedAndNamedAsIgnored(string query, string from, string to, string error)
    {
        var (filter, errors) = DashboardFilterQuery.Parse(query, Today);

        Assert.Equal([error], errors);
        Assert.Equal((DateRangePreset.Custom, DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture)), (filter.Range, filter.From!.Value, filter.To!.Value));
    }

    [Fact]
    public void Parse_BothEndsFarOutside_GivesTheLastFiveYearsUpToAYearFromTodayAndNamesEachPart()
    {
        var (filter, errors) = DashboardFilterQuery.Parse("?from=1900-01-01&to=9999-12-30", Today);

        Assert.Equal((new DateOnly(2022, 11, 24), new DateOnly(2027, 11, 23)), (filter.From!.Value, filter.To!.Value));
        Assert.Equal(3, errors.Count);
        Assert.StartsWith("The from date 1900-01-01 is before 2000-01-01", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("The to date 9999-12-30 is after 2027-11-23", errors[1], StringComparison.Ordinal);
        Assert.Equal("The range 2000-01-01 to 2027-11-23 is longer than 5 years; the days before 2022-11-24 were ignored.", errors[2]);
    }

    [Theory]
    [InlineData("?from=2000-01-01&to=2004-12-31", "2000-01-01", "2004-12-31")]
    [InlineData("?from=2022-11-24&to=2027-11-23", "2022-11-24", "2027-11-23")]
    [InlineData("?to=2000-01-01", "2000-01-01", "2000-01-01")]
    public void Parse_RangeAtTheLimits_IsKeptWithoutError(string query, string from, string to)
    {
        var (filter, errors) = DashboardFilterQuery.Parse(query, Today);

        Assert.Empty(errors);
        Assert.Equal((DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture)), (filter.From!.Value, filter.To!.Value));
    }

    [Fact]
    public void Parse_RangeEndingBeforeItStarts_IsSwappedAndSaysSo()
    {
        var (filter, errors) = DashboardFilterQuery.Parse("?from=2026-10-31&to=2026-10-01", Today);

        Assert.Equal((new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), (filter.From, filter.To));
        Assert.Single(errors);
    }
}

public class TalkPercentilesTests
{
    [Theory]
    [InlineData(new[] { 42 }, 0.5, 42.0)]
    [InlineData(new[] { 10, 20 }, 0.5, 15.0)]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0.9, 9.1)]
    public void Exact_InterpolatesBetweenTheNearestRanks(int[] values, double p, double expected) =>
        Assert.Equal(expected, TalkPercentiles.Exact(values, p)!.Value, 9);

    [Fact]
    public void Exact_NoValues_IsNull() => Assert.Null(TalkPercentiles.Exact([], 0.5));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Estimate_FallsInTheHistogramBucketOfTheExactValue(int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, 5000).Select(_ => (int)Math.Exp(random.NextDouble() * 7.5)).Order().ToArray();
        var histogram = Enumerable.Range(0, 8).Select(b => values.Count(v => TalkBuckets.Of(v) == b)).ToArray();

        foreach (var p in new[] { 0.5, 0.9 })
        {
            var exact = TalkPercentiles.Exact(values, p)!.Value;
            var estimate = TalkPercentiles.Estimate(histogram, p)!.Value;
            Assert.Equal(TalkBuckets.Of((int)exact), TalkBuckets.Of((int)estimate));
        }
    }
}
