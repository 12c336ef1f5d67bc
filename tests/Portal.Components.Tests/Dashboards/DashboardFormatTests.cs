using Portal.Web.Reporting;
using Portal.Web.Features.Dashboards;

namespace Portal.Components.Tests.Dashboards;

public class DashboardFormatTests
{
    [Theory]
    [InlineData(0.0, "0:00")]
    [InlineData(59.5, "1:00")]
    [InlineData(83.0, "1:23")]
    [InlineData(3599.4, "59:59")]
    [InlineData(3600.0, "1:00:00")]
    [InlineData(90061.0, "25:01:01")]
    public void Duration_Seconds_MinutesOrHours(double seconds, string expected) => Assert.Equal(expected, DashboardFormat.Duration(seconds));

    [Fact]
    public void Duration_Null_Dash() => Assert.Equal("—", DashboardFormat.Duration(null));

    [Theory]
    [InlineData(0.1234, "12.3%")]
    [InlineData(1.0, "100.0%")]
    [InlineData(0.0, "0.0%")]
    public void Percent_Rate_OneDecimal(double rate, string expected) => Assert.Equal(expected, DashboardFormat.Percent(rate));

    [Fact]
    public void Raw_InvariantNumberOrEmpty()
    {
        Assert.Equal("0.1234", DashboardFormat.Raw(0.1234));
        Assert.Equal("1234", DashboardFormat.Raw(1234));
        Assert.Equal("", DashboardFormat.Raw(null));
    }

    [Theory]
    [InlineData(2026, 11, 17, 2026, 11, 23, "17–23 Nov 2026")]
    [InlineData(2026, 11, 23, 2026, 11, 23, "23 Nov 2026")]
    [InlineData(2026, 10, 28, 2026, 11, 3, "28 Oct – 3 Nov 2026")]
    [InlineData(2025, 12, 15, 2026, 1, 13, "15 Dec 2025 – 13 Jan 2026")]
    public void Days_Range_Short(int y1, int m1, int d1, int y2, int m2, int d2, string expected) =>
        Assert.Equal(expected, DashboardFormat.Days(new DateOnly(y1, m1, d1), new DateOnly(y2, m2, d2)));

    [Fact]
    public void Change_RateUp_PercentagePoints()
    {
        var change = DashboardFormat.Change(KpiKind.Rate, KpiPolarity.LowerIsBetter, 0.25, 0.20, previousHadCalls: true);

        Assert.Equal(new KpiChange(KpiTrend.Up, KpiTone.Bad, "+5.0 pp"), change);
    }

    [Fact]
    public void Change_RateFromZero_PercentagePointsNotNoBaseline()
    {
        var change = DashboardFormat.Change(KpiKind.Rate, KpiPolarity.HigherIsBetter, 0.5, 0.0, previousHadCalls: true);

        Assert.Equal(new KpiChange(KpiTrend.Up, KpiTone.Good, "+50.0 pp"), change);
    }

    [Fact]
    public void Change_CountPreviousZeroWithOtherCalls_NoneBefore()
    {
        var change = DashboardFormat.Change(KpiKind.Count, KpiPolarity.LowerIsBetter, 3, 0, previousHadCalls: true);

        Assert.Equal(new KpiChange(KpiTrend.None, KpiTone.Neutral, "none before"), change);
    }

    [Fact]
    public void Change_TinyDifference_NoChange()
    {
        var change = DashboardFormat.Change(KpiKind.Count, KpiPolarity.HigherIsBetter, 10_000, 10_001, previousHadCalls: true);

        Assert.Equal(new KpiChange(KpiTrend.Flat, KpiTone.Neutral, "no change"), change);
    }

    [Fact]
    public void Extension_EmptyIsNoExtension()
    {
        Assert.Equal("No extension", DashboardFormat.Extension("", null));
        Assert.Equal("101 · Anna Becker", DashboardFormat.Extension("101", "Anna Becker"));
        Assert.Equal("101", DashboardFormat.Extension("101", " "));
    }
}
