namespace Portal.Web.Reporting;

public enum KpiKind
{
    Count,
    Rate,
    Duration,
}

/// <summary>Which way a change is good news: more missed calls are bad, more answered ones good, more calls neither.</summary>
public enum KpiPolarity
{
    Neutral,
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>
/// One KPI: its key (the tile's test id), group and label, how it is measured (<see cref="Kind"/>), which way is good news,
/// a hint on what it counts, and whether it can be estimated (median and 90th percentile beyond the exact limit).
/// </summary>
public sealed record KpiDefinition(
    string Key,
    string Group,
    string Label,
    KpiKind Kind,
    KpiPolarity Polarity,
    Func<CallKpis, double?> Value,
    string? Hint = null,
    bool CanBeEstimated = false,
    string? LabelOutsideGroup = null)
{
    /// <summary>The label where the group's title is not shown (a workbook row): "90th percentile talk time".</summary>
    public string FullLabel => LabelOutsideGroup ?? Label;

    public bool IsEstimated(CallKpis kpis) => CanBeEstimated && kpis.PercentilesEstimated;

    public double? Change(CallKpis current, CallKpis previous) => KpiCatalog.Change(Kind, Value(current), Value(previous));
}

/// <summary>
/// The KPIs of the dashboard, in their order: the tiles, the report workbook's summary and (later) alerts read this one list.
/// </summary>
public static class KpiCatalog
{
    public const string CallsGroup = "Calls";
    public const string OutcomesGroup = "Outcomes";
    public const string TalkTimeGroup = "Talk time";
    public const string EstimatedHint = "Estimated from the talk-time histogram";

    private const string OverAnswered = "Over answered calls";

    public static IReadOnlyList<KpiDefinition> All { get; } =
    [
        new("total", CallsGroup, "Total calls", KpiKind.Count, KpiPolarity.Neutral, k => k.Total),
        new("inbound", CallsGroup, "Inbound", KpiKind.Count, KpiPolarity.Neutral, k => k.Inbound),
        new("outbound", CallsGroup, "Outbound", KpiKind.Count, KpiPolarity.Neutral, k => k.Outbound),
        new("internal", CallsGroup, "Internal", KpiKind.Count, KpiPolarity.Neutral, k => k.Internal),
        new("answered", OutcomesGroup, "Answered", KpiKind.Count, KpiPolarity.HigherIsBetter, k => k.Answered),
        new("missed", OutcomesGroup, "Missed", KpiKind.Count, KpiPolarity.LowerIsBetter, k => k.Missed, "Inbound calls never connected"),
        new("missed-rate", OutcomesGroup, "Missed-call rate", KpiKind.Rate, KpiPolarity.LowerIsBetter, k => k.MissedRate, "Missed ÷ inbound calls"),
        new("answer-rate", OutcomesGroup, "Answer rate", KpiKind.Rate, KpiPolarity.HigherIsBetter, k => k.AnswerRate, "Answered ÷ all calls"),
        new("avg-duration", TalkTimeGroup, "Average talk time", KpiKind.Duration, KpiPolarity.Neutral, k => k.AverageTalkSeconds, OverAnswered),
        new("median-duration", TalkTimeGroup, "Median talk time", KpiKind.Duration, KpiPolarity.Neutral, k => k.MedianTalkSeconds, OverAnswered,
            CanBeEstimated: true),
        new("p90-duration", TalkTimeGroup, "90th percentile", KpiKind.Duration, KpiPolarity.Neutral, k => k.P90TalkSeconds,
            "Talk time 90% of answered calls stay under", CanBeEstimated: true, LabelOutsideGroup: "90th percentile talk time"),
        new("total-talk", TalkTimeGroup, "Total talk time", KpiKind.Duration, KpiPolarity.Neutral, k => k.TotalTalkSeconds, "Sum over all calls"),
        new("avg-ring", TalkTimeGroup, "Average ring time", KpiKind.Duration, KpiPolarity.LowerIsBetter, k => k.AverageRingSeconds,
            "Over calls whose vendor reports ring time"),
    ];

    /// <summary>
    /// The change against the previous period: for rates the difference in percentage points (one decimal), for counts and
    /// durations the relative change (0.25 = +25%); null without a baseline (either value missing, or a count or duration of 0 before).
    /// </summary>
    public static double? Change(KpiKind kind, double? current, double? previous)
    {
        if (current is not { } now || previous is not { } before)
        {
            return null;
        }
        if (kind == KpiKind.Rate)
        {
            return Math.Round((now - before) * 100, 1);
        }
        return before == 0 ? null : (now - before) / before;
    }
}
