using Portal.Telephony.Calls;

namespace Portal.Web.Reporting;

/// <summary>Everything one dashboard shows, for one filter, one viewer and one moment.</summary>
public sealed record DashboardData(
    ReportingPeriod Period,
    CallKpis Current,
    CallKpis Previous,
    IReadOnlyList<VolumeBucket> Volume,
    IReadOnlyList<int> TalkHistogram,
    WeekHourGrid CallsByWeekHour,
    WeekHourGrid MissedByWeekHour,
    IReadOnlyList<OutcomeCount> Outcomes,
    IReadOnlyList<VendorStats> Vendors,
    IReadOnlyList<ExtensionStats> Extensions,
    CallLists? Lists)
{
    public bool IsEmpty => Current.Total == 0;
}

/// <summary>
/// The KPI tiles. Rates are null when their denominator is 0; talk-time figures are over answered calls and null without any.
/// Missed rate = missed ÷ inbound; answer rate = answered ÷ all calls. Median and 90th percentile are exact up to
/// <see cref="DashboardQuery.ExactPercentileLimit"/> answered calls, estimated from the talk-time histogram beyond
/// (<see cref="PercentilesEstimated"/>).
/// </summary>
public sealed record CallKpis(
    int Total,
    int Inbound,
    int Outbound,
    int Internal,
    int Answered,
    int Missed,
    long TotalTalkSeconds,
    double? AverageTalkSeconds,
    double? MedianTalkSeconds,
    double? P90TalkSeconds,
    bool PercentilesEstimated,
    double? AverageRingSeconds)
{
    public double? MissedRate => Inbound == 0 ? null : (double)Missed / Inbound;
    public double? AnswerRate => Total == 0 ? null : (double)Answered / Total;

    public static CallKpis None { get; } = new(0, 0, 0, 0, 0, 0, 0, null, null, null, false, null);
}

/// <summary>One bucket of the calls-over-time chart: calls per outcome, starting at <see cref="LocalStart"/> (viewer's zone).</summary>
public sealed record VolumeBucket(DateTime LocalStart, int Answered, int Missed, int NotConnected, int Failed, int Unknown, int Inbound)
{
    public int Total => Answered + Missed + NotConnected + Failed + Unknown;
    public double? MissedRate => Inbound == 0 ? null : (double)Missed / Inbound;
}

/// <summary>Counts per local weekday (0 = Monday) and hour of day.</summary>
public sealed class WeekHourGrid
{
    private readonly int[,] _counts = new int[7, 24];

    public int this[DayOfWeek day, int hour] => _counts[Row(day), hour];

    public void Add(DateTime local, int count) => _counts[Row(local.DayOfWeek), local.Hour] += count;

    public int Max => _counts.Cast<int>().DefaultIfEmpty().Max();

    private static int Row(DayOfWeek day) => ((int)day + 6) % 7;
}

public sealed record OutcomeCount(CallOutcome Outcome, int Calls);

public sealed record VendorStats(VendorKind Vendor, int Calls, int Answered, long TalkSeconds)
{
    public double? AnswerRate => Calls == 0 ? null : (double)Answered / Calls;
    public double? AverageTalkSeconds => Answered == 0 ? null : (double)TalkSeconds / Answered;
}

/// <summary>Per extension ("" = calls without one, e.g. Unpod's).</summary>
public sealed record ExtensionStats(string Extension, string? Name, int Calls, int Answered, int Inbound, int Missed, long TalkSeconds)
{
    public double? MissedRate => Inbound == 0 ? null : (double)Missed / Inbound;
    public double? AverageTalkSeconds => Answered == 0 ? null : (double)TalkSeconds / Answered;
}

/// <summary>The two tables read from call records; loaded after the rest (<see cref="DashboardQuery.LoadCallListsAsync"/>).</summary>
public sealed record CallLists(IReadOnlyList<NumberStats> TopNumbers, UnreturnedMissedCalls Unreturned)
{
    public static CallLists None { get; } = new([], new UnreturnedMissedCalls([], false));
}

/// <summary>An external number with its calls in the range, busiest first.</summary>
public sealed record NumberStats(string Number, string? Name, int Calls, int Inbound, int Missed, DateTime LastCallUtc);

/// <summary>Inbound missed calls whose number got no answered call (either direction, any vendor) within the window after them, oldest first.</summary>
public sealed record UnreturnedMissedCalls(IReadOnlyList<UnreturnedMissedCall> Calls, bool MoreExist);

/// <summary>An unreturned missed call; <see cref="WindowOpen"/> while its call-back window has not yet passed.</summary>
public sealed record UnreturnedMissedCall(long CallId, DateTime StartedAtUtc, string Number, string? Name, string? Extension, string ConnectionName,
    VendorKind Vendor, bool WindowOpen = false);
