using Portal.Telephony.Calls;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Dashboards;

namespace Portal.Web.Tests.Features.Dashboards;

public class DashboardFilterQueryTests
{
    [Fact]
    public void Format_ThenParse_GivesTheSameFilter()
    {
        var filter = new DashboardFilter
        {
            Range = DateRangePreset.Custom, From = new DateOnly(2026, 10, 1), To = new DateOnly(2026, 10, 31), ConnectionIds = [3, 1],
            Vendors = [VendorKind.WebFones], Direction = CallDirection.Inbound, Teams = ["support"], Extensions = ["101", "1 02"], UnreturnedWindowHours = 48,
        };

        var query = DashboardFilterQuery.Format(filter);
        var (parsed, errors) = DashboardFilterQuery.Parse(query);

        Assert.Equal("?from=2026-10-01&to=2026-10-31&connection=3&connection=1&vendor=webfones&direction=inbound&team=support&extension=101&extension=1%2002&window=48", query);
        Assert.Empty(errors);
        Assert.Equal(filter, parsed);
    }

    [Fact]
    public void Format_DefaultFilter_IsEmpty() => Assert.Equal("", DashboardFilterQuery.Format(new DashboardFilter()));

    [Fact]
    public void Parse_CommaSeparatedAndRepeatedValues_AreBothRead()
    {
        var (filter, errors) = DashboardFilterQuery.Parse("?range=last30days&extension=101,102&extension=103&connection=2,2");

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
        var (filter, errors) = DashboardFilterQuery.Parse(query);

        Assert.Equal([error], errors);
        Assert.Equal(DateRangePreset.Last7Days, filter.Range);
        Assert.Equal((null, 24), (filter.Direction, filter.UnreturnedWindowHours));
    }

    [Fact]
    public void Parse_RangeEndingBeforeItStarts_IsSwappedAndSaysSo()
    {
        var (filter, errors) = DashboardFilterQuery.Parse("?from=2026-10-31&to=2026-10-01");

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
