namespace Portal.Telephony.Calls;

/// <summary>
/// One call as the portal stores it, whatever vendor it came from (docs/architecture.md, "The normalized call model").
/// Adapters build these at the edge; nothing past the adapter sees a vendor format, except <see cref="RawPayload"/> kept for administrators.
/// </summary>
public sealed record NormalizedCall
{
    /// <summary>The vendor's id of the call, unique within one connection (a derived, deterministic key where the vendor has none).</summary>
    public required string VendorCallId { get; init; }
    public required CallDirection Direction { get; init; }
    public required CallOutcome Outcome { get; init; }
    /// <summary>The vendor's own status value, as it came.</summary>
    public string? VendorStatus { get; init; }

    public required DateTime StartedAtUtc { get; init; }
    public DateTime? AnsweredAtUtc { get; init; }
    public DateTime? EndedAtUtc { get; init; }
    /// <summary>Talk time in seconds.</summary>
    public int DurationSeconds { get; init; }
    public int? RingSeconds { get; init; }

    /// <summary>The internal party: extension number and name.</summary>
    public string? Extension { get; init; }
    public string? ExtensionName { get; init; }

    /// <summary>The external party in E.164 where it could be normalized, otherwise as sent.</summary>
    public string? ExternalNumber { get; init; }
    public string? ExternalNumberOriginal { get; init; }
    public string? ExternalName { get; init; }

    public string? EndReason { get; init; }
    /// <summary>Diversions and transfers (ring-group legs, in order); the call counts once.</summary>
    public IReadOnlyList<CallLeg> History { get; init; } = [];
    public NormalizedTranscript? Transcript { get; init; }
    public IReadOnlyList<RecordingInfo> Recordings { get; init; } = [];

    /// <summary>When the vendor last changed the record (a transcript added), if it says.</summary>
    public DateTime? VendorUpdatedAtUtc { get; init; }
    /// <summary>The vendor's record as JSON text.</summary>
    public required string RawPayload { get; init; }
}

/// <summary>One step of a call's way through the PBX: who it went to (or came from), when.</summary>
public sealed record CallLeg(DateTime AtUtc, string Party, string? Number, string? Name, string? Service);

/// <summary>A transcript: summary and utterances.</summary>
public sealed record NormalizedTranscript(string? Summary, string? Language, IReadOnlyList<TranscriptLine> Lines);

/// <summary>One utterance: who spoke, seconds from the start of the call, what was said.</summary>
public sealed record TranscriptLine(string Speaker, double OffsetSeconds, string Text);

/// <summary>A recording the vendor keeps; downloaded through the portal on demand.</summary>
public sealed record RecordingInfo(
    string VendorRecordingId,
    string? ContentType,
    int? DurationSeconds,
    long? SizeBytes,
    DateTime? CreatedAtUtc,
    string? DownloadUrl);
