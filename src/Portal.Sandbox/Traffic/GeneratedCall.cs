using Portal.Sandbox.Company;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Traffic;

/// <summary>How a generated call ended, in neutral terms; each emulator says it in its vendor's words.</summary>
public enum EndCause
{
    Completed,
    NoAnswer,
    Busy,
    Declined,
    CallerCancelled,
    Abandoned,
    Unreachable,
    NetworkError,
}

/// <summary>The other party of a call: E.164 number (with '+'), name, and its region.</summary>
public sealed record ExternalParty(string E164, string? Name, string Region);

/// <summary>A step of a ring group or transfer: the extension tried, and when.</summary>
public sealed record GeneratedLeg(DateTime AtUtc, SandboxExtension Extension);

public sealed record GeneratedTranscriptLine(string Speaker, double OffsetSeconds, string Text);

public sealed record GeneratedTranscript(string Summary, string Language, IReadOnlyList<GeneratedTranscriptLine> Lines);

/// <summary>
/// One call of the sandbox's ground truth, before any vendor format. Emulators render it in their vendor's
/// format; tests compare what an adapter reads back with it.
/// </summary>
public sealed record GeneratedCall
{
    /// <summary>Deterministic per (seed, vendor, day, index): a GUID string.</summary>
    public required string Id { get; init; }
    /// <summary>A deterministic integer id for vendors with numeric ids.</summary>
    public required long Number { get; init; }
    public required VendorKind Vendor { get; init; }
    public required DateTime StartedAtUtc { get; init; }
    public required CallDirection Direction { get; init; }
    public required EndCause Cause { get; init; }
    public required int RingSeconds { get; init; }
    /// <summary>Talk time; 0 unless <see cref="Cause"/> is <see cref="EndCause.Completed"/>.</summary>
    public required int TalkSeconds { get; init; }
    /// <summary>The extension that handled (or last rang for) the call.</summary>
    public required SandboxExtension Extension { get; init; }
    /// <summary>The other party; for internal calls another extension's number ('+' omitted) and name.</summary>
    public required ExternalParty External { get; init; }
    /// <summary>The other extension of an internal call.</summary>
    public SandboxExtension? OtherExtension { get; init; }
    /// <summary>Extensions rung before <see cref="Extension"/> (ring group, transfer); empty for most calls.</summary>
    public IReadOnlyList<GeneratedLeg> Diversions { get; init; } = [];
    public GeneratedTranscript? Transcript { get; init; }
    public bool HasRecording { get; init; }

    public bool WasAnswered => Cause == EndCause.Completed;
    public DateTime? AnsweredAtUtc => WasAnswered ? StartedAtUtc.AddSeconds(RingSeconds) : null;
    public DateTime EndedAtUtc => StartedAtUtc.AddSeconds(RingSeconds + TalkSeconds);

    /// <summary>The neutral outcome the portal must arrive at (docs/architecture.md, "The normalized call model"), where the vendor's words allow it.</summary>
    public CallOutcome NeutralOutcome => Cause switch
    {
        EndCause.Completed => CallOutcome.Answered,
        EndCause.Unreachable or EndCause.NetworkError => CallOutcome.Failed,
        _ => Direction == CallDirection.Outbound ? CallOutcome.NotConnected : CallOutcome.Missed,
    };
}
