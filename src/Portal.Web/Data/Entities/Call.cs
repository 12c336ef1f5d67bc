using Portal.Telephony.Calls;

namespace Portal.Web.Data.Entities;

/// <summary>One call of one connection, normalized (docs/architecture.md, "The normalized call model"). Unique by (ConnectionId, VendorCallId).</summary>
public class Call
{
    public long Id { get; set; }
    public int ConnectionId { get; set; }
    public Connection? Connection { get; set; }
    public required string VendorCallId { get; set; }

    public CallDirection Direction { get; set; }
    public CallOutcome Outcome { get; set; }
    /// <summary>The vendor's own status value, kept as it came.</summary>
    public string? VendorStatus { get; set; }

    public DateTime StartedAtUtc { get; set; }
    public DateTime? AnsweredAtUtc { get; set; }
    public DateTime? EndedAtUtc { get; set; }
    /// <summary>Talk time.</summary>
    public int DurationSeconds { get; set; }
    public int? RingSeconds { get; set; }

    /// <summary>The internal party.</summary>
    public string? Extension { get; set; }
    public string? ExtensionName { get; set; }

    /// <summary>The external party in E.164 where it could be normalized, otherwise as the vendor sent it.</summary>
    public string? ExternalNumber { get; set; }
    public string? ExternalNumberOriginal { get; set; }
    public string? ExternalName { get; set; }

    public string? EndReason { get; set; }
    public bool HasTranscript { get; set; }
    /// <summary>When the portal deleted this call's transcript (retention, erasure): no later sync brings a transcript back.</summary>
    public DateTime? TranscriptDeletedAtUtc { get; set; }
    public bool HasRecording { get; set; }
    /// <summary>When the portal deleted this call's recording links (retention): no later sync writes them again.</summary>
    public DateTime? RecordingsDeletedAtUtc { get; set; }

    /// <summary>Diversions and transfers (ring-group legs) as vendor-neutral JSON; the call counts once.</summary>
    public string? HistoryJson { get; set; }
    /// <summary>The vendor's payload as it came, for administrators.</summary>
    public string? RawPayload { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public Transcript? Transcript { get; set; }
    public List<Recording> Recordings { get; set; } = [];
}
