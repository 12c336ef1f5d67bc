using Portal.Telephony.Calls;
using Portal.Web.Reporting;
using Portal.Web.Features.Dashboards;

namespace Portal.Components.Tests.Dashboards;

public class DashboardChartOptionsTests
{
    private static DashboardData Data()
    {
        var zone = TimeZoneInfo.Utc;
        var period = ReportingPeriod.Resolve(new DashboardFilter(), zone, new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var calls = new WeekHourGrid();
        calls.Add(new DateTime(2026, 11, 23, 9, 0, 0), 5); // a Monday
        calls.Add(new DateTime(2026, 11, 22, 14, 0, 0), 2); // a Sunday
        var volume = period.Buckets().Select((b, i) => new VolumeBucket(b, Answered: 10 + i, Missed: i % 2, NotConnected: 1, Failed: 0, Unknown: 0,
            Inbound: i == 0 ? 0 : 4)).ToList();
        return new DashboardData(period, CallKpis.None, CallKpis.None, volume, [0, 1, 2, 3, 4, 5, 6, 7], calls, new WeekHourGrid(),
            [new(CallOutcome.Unknown, 1), new(CallOutcome.Answered, 70), new(CallOutcome.Missed, 7)],
            [new(VendorKind.WebFones, 10, 8, 1200), new(VendorKind.Unpod, 5, 0, 0)], [], null);
    }

    [Fact]
    public void Volume_StackedByOutcome_OutcomesThatNeverOccurLeftOut()
    {
        var options = DashboardChartOptions.Volume(Data());

        Assert.True(options.Chart.Stacked);
        Assert.Equal(["Answered", "Missed", "Not connected"], options.Series!.Select(s => s.Name));
        Assert.Equal(7, options.XAxis!.Categories!.Count);
        Assert.Equal("2026-11-17T00:00:00Z", options.XAxis.Categories[0]);
    }

    [Fact]
    public void MissedRate_BucketWithoutInboundCalls_Gap()
    {
        var data = DashboardChartOptions.MissedRate(Data()).Series![0].Data!;

        Assert.Null(data[0]);
        Assert.Equal(25.0, data[1]);
    }

    [Fact]
    public void Heatmap_MondayOnTopAndTwentyFourHours()
    {
        var series = DashboardChartOptions.CallsHeatmap(Data(), dark: false).Series!;

        // ApexCharts draws the last series on top.
        Assert.Equal(["Sun", "Sat", "Fri", "Thu", "Wed", "Tue", "Mon"], series.Select(s => s.Name));
        Assert.All(series, s => Assert.Equal(24, s.Points!.Count));
        Assert.Equal(5, series[^1].Points![9].Y);
        Assert.Equal("09", series[^1].Points![9].X);
        Assert.Equal(2, series[0].Points![14].Y);
    }

    [Fact]
    public void Heatmap_DarkMode_LighterColor()
    {
        Assert.NotEqual(DashboardChartOptions.CallsHeatmap(Data(), dark: false).Colors, DashboardChartOptions.CallsHeatmap(Data(), dark: true).Colors);
    }

    [Fact]
    public void Outcomes_InTheOrderOfTheStackWithTheirColors()
    {
        var options = DashboardChartOptions.Outcomes(Data());

        Assert.Equal(["Answered", "Missed", "Unknown"], options.Labels);
        Assert.Equal([70.0, 7.0, 1.0], options.Values);
        Assert.Equal(DashboardChartOptions.Color(CallOutcome.Missed), options.Colors![1]);
    }

    [Fact]
    public void Vendors_ThreeMeasures()
    {
        var data = Data();

        Assert.Equal(["Calls", "Answered"], DashboardChartOptions.VendorCalls(data).Series!.Select(s => s.Name));
        Assert.Equal([80.0, 0.0], DashboardChartOptions.VendorAnswerRate(data).Series![0].Data!);
        Assert.Equal([150.0, null], DashboardChartOptions.VendorTalkTime(data).Series![0].Data!);
    }

    [Fact]
    public void TalkTime_OneBarPerHistogramBucket()
    {
        var options = DashboardChartOptions.TalkTime(Data());

        Assert.Equal(DashboardChartOptions.TalkBucketLabels, options.XAxis!.Categories);
        Assert.Equal(Portal.Web.Reporting.Rollups.TalkBuckets.UpperBounds.Length, options.XAxis.Categories!.Count);
    }
}
