using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.Cinnox;

/// <summary>
/// What the CINNOX adapter must make of a generated call (tests compare field by field; RawPayload is left empty).
/// CINNOX has no answer time: duration is callEndTime - callDate (ringing included) for "Call Ended", else 0.
/// Recording download URLs are given as the path below the sandbox's address.
/// </summary>
public static class CinnoxExpectations
{
    public static NormalizedCall Expected(GeneratedCall call)
    {
        var inbound = call.Direction == CallDirection.Inbound;
        return new NormalizedCall
        {
            VendorCallId = CinnoxIds.RecordId(call),
            Direction = call.Direction,
            Outcome = call.NeutralOutcome,
            VendorStatus = CinnoxVocabulary.Status(call.Cause),
            StartedAtUtc = call.StartedAtUtc,
            AnsweredAtUtc = null,
            EndedAtUtc = call.EndedAtUtc,
            DurationSeconds = call.WasAnswered ? call.RingSeconds + call.TalkSeconds : 0,
            RingSeconds = null,
            Extension = call.Extension.Number,
            ExtensionName = call.Extension.Name,
            ExternalNumber = call.External.E164,
            ExternalNumberOriginal = call.External.E164.TrimStart('+'),
            ExternalName = call.External.Name,
            EndReason = CinnoxVocabulary.Bye(call.Cause).Reason,
            Recordings = call.HasRecording
                ? [new RecordingInfo(CinnoxIds.FileId(call), CinnoxRecordingAudio.ContentType, call.TalkSeconds, CinnoxRecordingAudio.Wav.Length,
                    call.AnsweredAtUtc, CinnoxRecordRenderer.RecordingUrl(CinnoxSandbox.BasePath, call))]
                : [],
            RawPayload = "",
        };
    }

    /// <summary>The CINNOX <c>id</c> of a generated call.</summary>
    public static string RecordId(GeneratedCall call) => CinnoxIds.RecordId(call);

    /// <summary>The <c>callDate</c> a malformed record carries.</summary>
    public const string MalformedCallDate = CinnoxRecordRenderer.MalformedCallDate;
}
