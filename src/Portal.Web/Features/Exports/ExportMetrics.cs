using System.Diagnostics.Metrics;

namespace Portal.Web.Features.Exports;

/// <summary>Completed exports as metrics (meter <see cref="Name"/>): rows written and how long each took, by kind.</summary>
public sealed class ExportMetrics
{
    public const string Name = "Portal.Exports";
    public const string KindTag = "portal.export.kind";
    public const string Calls = "calls";
    public const string DashboardReport = "dashboard_report";

    private static readonly double[] Seconds = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly Counter<long> _rows;
    private readonly Histogram<double> _duration;

    public ExportMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _rows = meter.CreateCounter<long>("portal.export.rows", "{row}", "Data rows written by completed exports (records export: calls; report: table rows).");
        _duration = meter.CreateHistogram("portal.export.duration", "s", "How long a completed export took, from the request to the last byte.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds });
    }

    public void Completed(string kind, long rows, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>(KindTag, kind);
        _rows.Add(rows, tag);
        _duration.Record(duration.TotalSeconds, tag);
    }
}
