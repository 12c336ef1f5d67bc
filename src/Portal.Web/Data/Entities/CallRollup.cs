namespace Portal.Web.Data.Entities;

/// <summary>
/// Calls per period × connection × extension × direction × outcome, maintained in the same transaction as the calls,
/// so dashboards never scan raw records. Each call counts once in every <see cref="RollupGrain"/>.
/// <see cref="Extension"/> is "" for calls without one, and always "" in <see cref="RollupGrain.HourAllExtensions"/>.
/// </summary>
public class CallRollup
{
    public RollupGrain Grain { get; set; }
    /// <summary>Start of the UTC hour or day.</summary>
    public DateTime PeriodUtc { get; set; }
    public int ConnectionId { get; set; }
    public string Extension { get; set; } = "";
    public Portal.Telephony.Calls.CallDirection Direction { get; set; }
    public Portal.Telephony.Calls.CallOutcome Outcome { get; set; }

    public int Calls { get; set; }
    public long TalkSeconds { get; set; }
    /// <summary>Sum of ring time over the <see cref="RingCalls"/> calls whose vendor reports it.</summary>
    public long RingSeconds { get; set; }
    public int RingCalls { get; set; }

    /// <summary>Talk-time histogram: calls with talk time in bucket i of Reporting.Rollups.TalkBuckets.</summary>
    public int Talk0 { get; set; }
    public int Talk1 { get; set; }
    public int Talk2 { get; set; }
    public int Talk3 { get; set; }
    public int Talk4 { get; set; }
    public int Talk5 { get; set; }
    public int Talk6 { get; set; }
    public int Talk7 { get; set; }
}

/// <summary>
/// The resolutions of the rollups. Totals over a range read whole UTC months, then days, then hours at the edges; charts
/// read hours, over all extensions unless the view names extensions.
/// </summary>
public enum RollupGrain
{
    Hour = 0,
    Day = 1,
    HourAllExtensions = 2,
    Month = 3,
}
