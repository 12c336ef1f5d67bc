using Portal.Web.Reporting.Rollups;
using System.Globalization;
using Portal.Telephony.Calls;
using Portal.Web.Components.Charts;
using Portal.Web.Data.Entities;
using Portal.Web.Vendors;
using Portal.Web.Reporting;

namespace Portal.Web.Features.Dashboards;

/// <summary>The dashboard's charts as ApexCharts options, built from one <see cref="DashboardData"/>.</summary>
public static class DashboardChartOptions
{
    /// <summary>One color per outcome, the same in every chart (readable on light and dark surfaces).</summary>
    public static string Color(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Answered => "#2e7d32",
        CallOutcome.Missed => "#d32f2f",
        CallOutcome.NotConnected => "#f9a825",
        CallOutcome.Failed => "#8e24aa",
        _ => "#78909c",
    };

    public static string Label(CallOutcome outcome) => outcome switch
    {
        CallOutcome.NotConnected => "Not connected",
        _ => outcome.ToString(),
    };

    /// <summary>The talk-time histogram's buckets (<see cref="TalkBuckets.UpperBounds"/>).</summary>
    public static IReadOnlyList<string> TalkBucketLabels { get; } = ["0 s", "1–29 s", "30–59 s", "1–2 min", "2–5 min", "5–10 min", "10–20 min", "20 min+"];

    private const string CallsColor = "#1565c0";
    private static readonly CallOutcome[] OutcomeOrder =
        [CallOutcome.Answered, CallOutcome.Missed, CallOutcome.NotConnected, CallOutcome.Failed, CallOutcome.Unknown];
    private static readonly string[] Weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    private static readonly DayOfWeek[] WeekdayOrder =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>Calls per bucket stacked by outcome; outcomes that never occur are left out (answered and missed always shown).</summary>
    public static ApexChartOptions Volume(DashboardData data)
    {
        var outcomes = new (CallOutcome Outcome, Func<VolumeBucket, int> Count)[]
        {
            (CallOutcome.Answered, b => b.Answered),
            (CallOutcome.Missed, b => b.Missed),
            (CallOutcome.NotConnected, b => b.NotConnected),
            (CallOutcome.Failed, b => b.Failed),
            (CallOutcome.Unknown, b => b.Unknown),
        }.Where(o => o.Outcome is CallOutcome.Answered or CallOutcome.Missed || data.Volume.Any(b => o.Count(b) > 0)).ToList();
        return new ApexChartOptions
        {
            Chart = new(ApexChartType.Bar) { Stacked = true },
            Series = outcomes.Select(o => new ApexSeries(Label(o.Outcome), data.Volume.Select(b => (double?)o.Count(b)))).ToList(),
            Colors = outcomes.Select(o => Color(o.Outcome)).ToList(),
            XAxis = TimeAxis(data),
            YAxis = new() { ValueFormat = ApexValueFormat.Number, Decimals = 0, Min = 0 },
            DataLabels = new(false),
            Legend = new() { Position = ApexLegendPosition.Top },
            Tooltip = new() { Shared = true },
            NoData = new("No calls"),
        };
    }

    /// <summary>Missed ÷ inbound per bucket, in percent; buckets without inbound calls leave a gap.</summary>
    public static ApexChartOptions MissedRate(DashboardData data) => new()
    {
        Chart = new(ApexChartType.Line),
        Series = [new ApexSeries("Missed-call rate", data.Volume.Select(b => b.MissedRate is { } rate ? Math.Round(rate * 100, 1) : (double?)null))],
        Colors = [Color(CallOutcome.Missed)],
        XAxis = TimeAxis(data),
        YAxis = new() { ValueFormat = ApexValueFormat.Percent, Decimals = 0, Min = 0, Max = Math.Min(100, NiceMax(data.Volume.Max(b => b.MissedRate ?? 0) * 100)) },
        DataLabels = new(false),
        Legend = new() { Show = false },
        Tooltip = new() { ValueFormat = ApexValueFormat.Percent },
        NoData = new("No inbound calls"),
    };

    public static ApexChartOptions TalkTime(DashboardData data) => new()
    {
        Chart = new(ApexChartType.Bar),
        Series = [new ApexSeries("Answered calls", data.TalkHistogram.Select(c => (double?)c))],
        Colors = [Color(CallOutcome.Answered)],
        XAxis = new() { Categories = TalkBucketLabels },
        YAxis = new() { ValueFormat = ApexValueFormat.Number, Decimals = 0, Min = 0 },
        DataLabels = new(false),
        Legend = new() { Show = false },
        NoData = new("No answered calls"),
    };

    /// <summary>Weekday rows (Monday on top) × hours 0–23.</summary>
    public static ApexChartOptions Heatmap(WeekHourGrid grid, string color) => new()
    {
        Chart = new(ApexChartType.Heatmap),
        // ApexCharts draws the first series at the bottom.
        Series = WeekdayOrder.Select((day, row) => new ApexSeries(Weekdays[row],
            Enumerable.Range(0, 24).Select(hour => new ApexPoint(hour.ToString("00", CultureInfo.InvariantCulture), grid[day, hour])))).Reverse().ToList(),
        Colors = [color],
        XAxis = new() { Title = new("Hour of day") },
        YAxis = new() { ValueFormat = ApexValueFormat.Number, Decimals = 0 },
        DataLabels = new(false),
        Legend = new() { Show = false },
        Tooltip = new() { ValueFormat = ApexValueFormat.Number },
    };

    /// <summary>
    /// ApexCharts shades heatmap cells from the surface to the series color: on a dark surface the darker half of the scale
    /// is lost, so dark mode starts from lighter colors.
    /// </summary>
    public static ApexChartOptions CallsHeatmap(DashboardData data, bool dark) => Heatmap(data.CallsByWeekHour, dark ? "#64b5f6" : CallsColor);

    public static ApexChartOptions MissedHeatmap(DashboardData data, bool dark) =>
        Heatmap(data.MissedByWeekHour, dark ? "#ff8a80" : Color(CallOutcome.Missed));

    /// <summary>Slices in the order of the volume chart's stack: answered, missed, not connected, failed, unknown.</summary>
    public static ApexChartOptions Outcomes(DashboardData data)
    {
        var outcomes = data.Outcomes.OrderBy(o => Array.IndexOf(OutcomeOrder, o.Outcome)).ToList();
        return new ApexChartOptions
        {
            Chart = new(ApexChartType.Donut),
            Values = outcomes.Select(o => (double)o.Calls).ToList(),
            Labels = outcomes.Select(o => Label(o.Outcome)).ToList(),
            Colors = outcomes.Select(o => Color(o.Outcome)).ToList(),
            Legend = new() { Position = ApexLegendPosition.Bottom },
            Tooltip = new() { ValueFormat = ApexValueFormat.Number },
            NoData = new("No calls"),
        };
    }

    /// <summary>Calls and answered calls per vendor, side by side.</summary>
    public static ApexChartOptions VendorCalls(DashboardData data) => VendorBars(data,
        [new ApexSeries("Calls", data.Vendors.Select(v => (double?)v.Calls)), new ApexSeries("Answered", data.Vendors.Select(v => (double?)v.Answered))],
        [CallsColor, Color(CallOutcome.Answered)], ApexValueFormat.Number, max: null);

    public static ApexChartOptions VendorAnswerRate(DashboardData data) => VendorBars(data,
        [new ApexSeries("Answer rate", data.Vendors.Select(v => v.AnswerRate is { } rate ? Math.Round(rate * 100, 1) : (double?)null))],
        [Color(CallOutcome.Answered)], ApexValueFormat.Percent, max: 100);

    public static ApexChartOptions VendorTalkTime(DashboardData data) => VendorBars(data,
        [new ApexSeries("Average talk time", data.Vendors.Select(v => v.AverageTalkSeconds is { } s ? Math.Round(s) : (double?)null))],
        ["#00838f"], ApexValueFormat.Duration, max: null);

    private static ApexChartOptions VendorBars(DashboardData data, IReadOnlyList<ApexSeries> series, IReadOnlyList<string> colors, ApexValueFormat format, double? max) => new()
    {
        Chart = new(ApexChartType.Bar),
        Series = series,
        Colors = colors,
        PlotOptions = new() { Bar = new() { Horizontal = true } },
        XAxis = new() { Categories = data.Vendors.Select(v => VendorCatalog.Label(v.Vendor)).ToList() },
        YAxis = new() { ValueFormat = format, Decimals = 0, Min = 0, Max = max },
        DataLabels = new(false),
        Legend = new() { Show = series.Count > 1, Position = ApexLegendPosition.Top },
        Tooltip = new() { Shared = series.Count > 1 },
        NoData = new("No calls"),
    };

    /// <summary>Bucket starts (viewer's zone) for a datetime axis, which ApexCharts labels as UTC: hence the Z.</summary>
    private static ApexXAxis TimeAxis(DashboardData data) => new()
    {
        Type = ApexAxisType.Datetime,
        Categories = data.Volume.Select(b => b.LocalStart.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).ToList(),
    };

    private static double NiceMax(double value) => value <= 0 ? 10 : Math.Ceiling(value / 10) * 10;
}
