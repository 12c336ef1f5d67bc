using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.NfonCallHistory;

/// <summary>
/// For tests: what the portal's NFON Call History adapter must make of a sandbox call, given NFON's vocabulary.
/// NFON has no answer or end time, no ring time and no word for a technical failure: those cannot be expected.
/// </summary>
public static class NfonCallHistoryGroundTruth
{
    /// <summary>NFON's status word for the call ("answered", "missed", "cancelled", "unknown", or the future "busy").</summary>
    public static string VendorStatus(GeneratedCall call) => NfonRecordRenderer.Status(call);

    /// <summary>answered → Answered; missed/cancelled → Missed inbound, NotConnected outbound; anything else → Unknown.</summary>
    public static CallOutcome ExpectedOutcome(GeneratedCall call) => VendorStatus(call) switch
    {
        "answered" => CallOutcome.Answered,
        "missed" or "cancelled" => NfonRecordRenderer.Direction(call) == "inbound" ? CallOutcome.Missed : CallOutcome.NotConnected,
        _ => CallOutcome.Unknown,
    };

    public static string ExpectedVendorCallId(GeneratedCall call) => call.Id;

    /// <summary>E.164 with '+' for external parties; the colleague's extension number for internal calls.</summary>
    public static string ExpectedExternalNumber(GeneratedCall call) => call.OtherExtension?.Number ?? call.External.E164;

    /// <summary>The number as NFON sends it (global context: E.164 without '+').</summary>
    public static string ExpectedExternalNumberOriginal(GeneratedCall call) => call.OtherExtension?.Number ?? call.External.E164.TrimStart('+');

    /// <summary>The whole record as the adapter must produce it (RawPayload left empty).</summary>
    public static NormalizedCall Expected(GeneratedCall call, bool transcriptReady)
    {
        var inbound = NfonRecordRenderer.Direction(call) == "inbound";
        return new NormalizedCall
        {
            VendorCallId = ExpectedVendorCallId(call),
            Direction = call.Direction,
            Outcome = ExpectedOutcome(call),
            VendorStatus = VendorStatus(call),
            StartedAtUtc = call.StartedAtUtc,
            DurationSeconds = call.TalkSeconds,
            Extension = call.Extension.Number,
            ExtensionName = call.Extension.Name,
            ExternalNumber = ExpectedExternalNumber(call),
            ExternalNumberOriginal = ExpectedExternalNumberOriginal(call),
            ExternalName = call.OtherExtension?.Name ?? call.External.Name,
            History = call.Diversions.Select(leg => new CallLeg(leg.AtUtc, "callee", leg.Extension.Number, leg.Extension.Name, "extension")).ToList(),
            Transcript = transcriptReady && call.Transcript is { } transcript ? ExpectedTranscript(call, transcript, inbound) : null,
            VendorUpdatedAtUtc = transcriptReady && call.Transcript is not null ? NfonCallHistorySandbox.TranscriptReadyAtUtc(call) : null,
            RawPayload = "",
        };
    }

    /// <summary>Speakers by name (the source word when the party has none); offsets from the call's start (ring time included).</summary>
    private static NormalizedTranscript ExpectedTranscript(GeneratedCall call, GeneratedTranscript transcript, bool inbound)
    {
        var theirName = call.OtherExtension?.Name ?? call.External.Name ?? (inbound ? "caller" : "callee");
        var lines = transcript.Lines
            .Select(line => new TranscriptLine(line.Speaker == call.Extension.Name ? call.Extension.Name : theirName,
                call.RingSeconds + line.OffsetSeconds, line.Text))
            .ToList();
        return new NormalizedTranscript(transcript.Summary, null, lines);
    }
}
