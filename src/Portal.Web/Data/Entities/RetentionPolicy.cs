namespace Portal.Web.Data.Entities;

/// <summary>
/// How long to keep each kind of call data, for one connection or (with no <see cref="ConnectionId"/>) for all connections.
/// Each period is in days by the call's start; null keeps that kind forever. Per kind, a connection's own enabled policy that
/// sets a period wins over the all-connections policy; one that leaves it empty takes the all-connections period.
/// </summary>
public class RetentionPolicy
{
    public int Id { get; set; }
    /// <summary>Null: the policy for all connections (at most one).</summary>
    public int? ConnectionId { get; set; }
    /// <summary>Days to keep call records (deleting a call deletes its transcript and recordings).</summary>
    public int? CallDays { get; set; }
    /// <summary>Days to keep transcripts and summaries (the calls stay).</summary>
    public int? TranscriptDays { get; set; }
    /// <summary>Days to keep recording links (the calls stay).</summary>
    public int? RecordingDays { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTime UpdatedAtUtc { get; set; }
    public string? UpdatedByName { get; set; }
}
