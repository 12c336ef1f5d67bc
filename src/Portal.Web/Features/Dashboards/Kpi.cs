using Portal.Web.Reporting;
namespace Portal.Web.Features.Dashboards;

/// <summary>One KPI tile: its value now and in the previous period of equal length, and how to read it.</summary>
public sealed record Kpi(
    string Name,
    string Label,
    KpiKind Kind,
    KpiPolarity Polarity,
    double? Current,
    double? Previous,
    bool PreviousHadCalls,
    string? Hint = null,
    bool Estimated = false)
{
    public string TestId => "kpi-" + Name;
    public string Value => DashboardFormat.Value(Kind, Current);
    public string PreviousValue => DashboardFormat.Value(Kind, Previous);
    public KpiChange Change => DashboardFormat.Change(Kind, Polarity, Current, Previous, PreviousHadCalls);
}

/// <summary>A titled group of tiles.</summary>
public sealed record KpiGroup(string Title, IReadOnlyList<Kpi> Tiles);

public static class Kpis
{
    /// <summary>The tiles of the dashboard: the <see cref="KpiCatalog"/> in its order and groups.</summary>
    public static IReadOnlyList<KpiGroup> From(CallKpis current, CallKpis previous)
    {
        var before = previous.Total > 0;
        return KpiCatalog.All.GroupBy(kpi => kpi.Group)
            .Select(group => new KpiGroup(group.Key, group.Select(kpi => new Kpi(kpi.Key, kpi.Label, kpi.Kind, kpi.Polarity,
                kpi.Value(current), kpi.Value(previous), before, kpi.Hint, kpi.IsEstimated(current))).ToList()))
            .ToList();
    }
}
