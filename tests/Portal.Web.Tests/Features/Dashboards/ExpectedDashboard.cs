using Portal.Telephony.Calls;
using Portal.Web.Data.Entities;
using Portal.Web.Reporting;

namespace Portal.Web.Tests.Features.Dashboards;

/// <summary>
/// The dashboard computed here from the call records alone (no rollups, no portal query code): each call is placed by
/// its own start time converted to the viewer's zone.
/// </summary>
public sealed class ExpectedDashboard
{
    private readonly TimeZoneInfo _zone;

    public ExpectedDashboard(IReadOnlyList<Call> allCalls, DashboardFilter filter, TimeZoneInfo zone, DateTimeOffset now,
        IReadOnlyDictionary<string, string[]> teams, IReadOnlyList<string>? userTeams)
    {
        _zone = zone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        (First, Last) = filter.Range switch
        {
            DateRangePreset.Today => (today, today),
            DateRangePreset.Yesterday => (today.AddDays(-1), today.AddDays(-1)),
            DateRangePreset.Last7Days => (today.AddDays(-6), today),
            DateRangePreset.Last30Days => (today.AddDays(-29), today),
            DateRangePreset.Last90Days => (today.AddDays(-89), today),
            DateRangePreset.ThisMonth => (new DateOnly(today.Year, today.Month, 1), today),
            DateRangePreset.LastMonth => (new DateOnly(today.Year, today.Month, 1).AddMonths(-1), new DateOnly(today.Year, today.Month, 1).AddDays(-1)),
            DateRangePreset.Last12Months => (today.AddMonths(-12).AddDays(1), today),
            _ => (filter.From!.Value, filter.To!.Value),
        };

        var visible = allCalls.Where(c =>
            (filter.ConnectionIds.Count == 0 || filter.ConnectionIds.Contains(c.ConnectionId))
            && (filter.Vendors.Count == 0 || filter.Vendors.Contains(c.Connection!.Vendor))
            && (filter.Direction is null || c.Direction == filter.Direction)
            && (userTeams is null || userTeams.Any(t => teams[t].Contains(c.Extension)))
            && (filter.Teams.Count == 0 || filter.Teams.Any(t => teams[t].Contains(c.Extension)))
            && (filter.Extensions.Count == 0 || filter.Extensions.Contains(c.Extension))).ToList();
        Calls = visible.Where(c => LocalDay(c) >= First && LocalDay(c) <= Last).ToList();

        var fromUtc = TimeZoneInfo.ConvertTimeToUtc(First.ToDateTime(TimeOnly.MinValue), zone);
        var toUtc = TimeZoneInfo.ConvertTimeToUtc(Last.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        var nowHour = now.UtcDateTime.AddTicks(-(now.UtcDateTime.Ticks % TimeSpan.TicksPerHour));
        var happened = (nowHour < now.UtcDateTime ? nowHour.AddHours(1) : nowHour) < toUtc ? (nowHour < now.UtcDateTime ? nowHour.AddHours(1) : nowHour) : toUtc;
        var length = happened - fromUtc;
        PreviousCalls = visible.Where(c => c.StartedAtUtc >= fromUtc - length && c.StartedAtUtc < fromUtc).ToList();

        var window = TimeSpan.FromHours(filter.UnreturnedWindowHours);
        Unreturned = Calls
            .Where(c => c.Direction == CallDirection.Inbound && c.Outcome == CallOutcome.Missed && c.ExternalNumber is not null)
            .Where(m => !allCalls.Any(a => a.ExternalNumber == m.ExternalNumber && a.Outcome == CallOutcome.Answered
                && a.StartedAtUtc > m.StartedAtUtc && a.StartedAtUtc <= m.StartedAtUtc + window))
            .OrderBy(c => c.StartedAtUtc).ThenBy(c => c.Id).ToList();
    }

    public DateOnly First { get; }
    public DateOnly Last { get; }
    public List<Call> Calls { get; }
    public List<Call> PreviousCalls { get; }
    public List<Call> Unreturned { get; }

    public DateTime Local(Call call) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(call.StartedAtUtc, DateTimeKind.Utc), _zone);

    private DateOnly LocalDay(Call call) => DateOnly.FromDateTime(Local(call));

    /// <summary>The tiles as plain numbers (rates and seconds rounded to 6 places).</summary>
    public static object Tiles(IReadOnlyList<Call> calls)
    {
        var answered = calls.Where(c => c.Outcome == CallOutcome.Answered).Select(c => c.DurationSeconds).Order().ToArray();
        var inbound = calls.Count(c => c.Direction == CallDirection.Inbound);
        var missed = calls.Count(c => c.Outcome == CallOutcome.Missed);
        var ring = calls.Where(c => c.RingSeconds is not null).ToList();
        return new
        {
            Total = calls.Count,
            Inbound = inbound,
            Outbound = calls.Count(c => c.Direction == CallDirection.Outbound),
            Internal = calls.Count(c => c.Direction == CallDirection.Internal),
            Answered = answered.Length,
            Missed = missed,
            MissedRate = Round(inbound == 0 ? null : (double)missed / inbound),
            AnswerRate = Round(calls.Count == 0 ? null : (double)answered.Length / calls.Count),
            TotalTalk = calls.Sum(c => (long)c.DurationSeconds),
            AverageTalk = Round(answered.Length == 0 ? null : answered.Average()),
            Median = Round(Percentile(answered, 0.5)),
            P90 = Round(Percentile(answered, 0.9)),
            AverageRing = Round(ring.Count == 0 ? null : ring.Average(c => (double)c.RingSeconds!.Value)),
        };
    }

    public static object Tiles(CallKpis k) => new
    {
        k.Total, k.Inbound, k.Outbound, k.Internal, k.Answered, k.Missed,
        MissedRate = Round(k.MissedRate), AnswerRate = Round(k.AnswerRate), TotalTalk = k.TotalTalkSeconds,
        AverageTalk = Round(k.AverageTalkSeconds), Median = Round(k.MedianTalkSeconds), P90 = Round(k.P90TalkSeconds),
        AverageRing = Round(k.AverageRingSeconds),
    };

    /// <summary>Rank p·(n−1) between the two nearest values, as Excel's PERCENTILE.INC.</summary>
    private static double? Percentile(int[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return null;
        }
        var position = p * (sorted.Length - 1);
        var below = sorted[(int)position];
        var above = sorted[Math.Min((int)position + 1, sorted.Length - 1)];
        return below + (position - (int)position) * (above - below);
    }

    public static double? Round(double? value) => value is null ? null : Math.Round(value.Value, 6);
}
