using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.Unpod;

/// <summary>
/// What the Unpod adapter must make of a generated call (tests compare field by field; RawPayload is left empty).
/// Missed, no-answer and failed calls have no answer or end time; the extension is the organisation's line number.
/// </summary>
public static class UnpodExpectations
{
    public static NormalizedCall Expected(GeneratedCall call)
    {
        var inbound = call.Direction == CallDirection.Inbound;
        var line = UnpodSandbox.LineNumber(call.Extension);
        return new NormalizedCall
        {
            VendorCallId = VendorCallId(call),
            Direction = call.Direction,
            Outcome = call.NeutralOutcome,
            VendorStatus = UnpodVocabulary.Status(call),
            StartedAtUtc = call.StartedAtUtc,
            AnsweredAtUtc = call.AnsweredAtUtc,
            EndedAtUtc = call.WasAnswered ? call.EndedAtUtc : null,
            DurationSeconds = call.TalkSeconds,
            RingSeconds = call.WasAnswered ? call.RingSeconds : null,
            Extension = line,
            ExternalNumber = call.External.E164,
            ExternalNumberOriginal = call.External.E164,
            EndReason = UnpodVocabulary.EndReason(call),
            RawPayload = "",
        };
    }

    /// <summary>
    /// The id of an older-format record; otherwise "unpod-" + the first 16 hex digits of SHA-256 over
    /// "source_number|destination_number|creation time (UTC, 7 fractional digits)".
    /// </summary>
    public static string VendorCallId(GeneratedCall call)
    {
        if (UnpodVocabulary.OlderFormat(call))
        {
            return UnpodVocabulary.Id(call);
        }
        var line = UnpodSandbox.LineNumber(call.Extension);
        var (source, destination) = call.Direction == CallDirection.Inbound ? (call.External.E164, line) : (line, call.External.E164);
        var text = $"{source}|{destination}|{call.StartedAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)}";
        return "unpod-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>Whether the record carries an id (the older format) rather than a derived key.</summary>
    public static bool HasVendorId(GeneratedCall call) => UnpodVocabulary.OlderFormat(call);

    /// <summary>The <c>creation_time</c> a malformed record carries.</summary>
    public const string MalformedCreationTime = UnpodRecordRenderer.MalformedCreationTime;
}
