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
    public const string EstimatedHint = "Estimated from the talk-time histogram";

    /// <summary>The tiles of the dashboard, in three groups: calls, outcomes, talk time.</summary>
    public static IReadOnlyList<KpiGroup> From(CallKpis current, CallKpis previous)
    {
        var before = previous.Total > 0;
        Kpi Count(string name, string label, Func<CallKpis, long> value, KpiPolarity polarity = KpiPolarity.Neutral, string? hint = null) =>
            new(name, label, KpiKind.Count, polarity, value(current), value(previous), before, hint);
        Kpi Rate(string name, string label, Func<CallKpis, double?> value, KpiPolarity polarity, string hint) =>
            new(name, label, KpiKind.Rate, polarity, value(current), value(previous), before, hint);
        Kpi Duration(string name, string label, Func<CallKpis, double?> value, string hint, bool estimated = false,
            KpiPolarity polarity = KpiPolarity.Neutral) =>
            new(name, label, KpiKind.Duration, polarity, value(current), value(previous), before, hint, estimated);

        return
        [
            new("Calls",
            [
                Count("total", "Total calls", k => k.Total),
                Count("inbound", "Inbound", k => k.Inbound),
                Count("outbound", "Outbound", k => k.Outbound),
                Count("internal", "Internal", k => k.Internal),
            ]),
            new("Outcomes",
            [
                Count("answered", "Answered", k => k.Answered, KpiPolarity.HigherIsBetter),
                Count("missed", "Missed", k => k.Missed, KpiPolarity.LowerIsBetter, "Inbound calls never connected"),
                Rate("missed-rate", "Missed-call rate", k => k.MissedRate, KpiPolarity.LowerIsBetter, "Missed ÷ inbound calls"),
                Rate("answer-rate", "Answer rate", k => k.AnswerRate, KpiPolarity.HigherIsBetter, "Answered ÷ all calls"),
            ]),
            new("Talk time",
            [
                Duration("avg-duration", "Average talk time", k => k.AverageTalkSeconds, "Over answered calls"),
                Duration("median-duration", "Median talk time", k => k.MedianTalkSeconds, "Over answered calls", current.PercentilesEstimated),
                Duration("p90-duration", "90th percentile", k => k.P90TalkSeconds, "Talk time 90% of answered calls stay under",
                    current.PercentilesEstimated),
                Duration("total-talk", "Total talk time", k => k.TotalTalkSeconds, "Sum over all calls"),
                Duration("avg-ring", "Average ring time", k => k.AverageRingSeconds, "Over calls whose vendor reports ring time",
                    polarity: KpiPolarity.LowerIsBetter),
            ]),
        ];
    }
}
