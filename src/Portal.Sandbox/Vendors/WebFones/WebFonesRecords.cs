using System.Globalization;
using System.Text.Json.Serialization;
using PhoneNumbers;
using Portal.Sandbox.Traffic;

namespace Portal.Sandbox.Vendors.WebFones;

/// <summary>
/// One call record as WebFones sends it: the documented fields, then three it sends without documenting:
/// <c>duration</c> (total seconds, ringing included), <c>billsec</c> (talk seconds) and <c>has_recording</c> (1/0,
/// as a MySQL flag comes out of Node).
/// </summary>
public sealed record WebFonesRecord(
    [property: JsonPropertyName("rid")] long Rid,
    [property: JsonPropertyName("call_timestamp")] string CallTimestamp,
    [property: JsonPropertyName("cidname_outside")] string CidNameOutside,
    [property: JsonPropertyName("cidext_inside")] string CidExtInside,
    [property: JsonPropertyName("direction")] string Direction,
    [property: JsonPropertyName("cidnumber_outside")] string CidNumberOutside,
    [property: JsonPropertyName("cidnumber_inside")] string CidNumberInside,
    [property: JsonPropertyName("disposition")] string Disposition,
    [property: JsonPropertyName("duration")] int Duration,
    [property: JsonPropertyName("billsec")] int BillSec,
    [property: JsonPropertyName("has_recording")] int HasRecording);

/// <summary>Renders the ground truth in WebFones' words.</summary>
public static class WebFonesRecords
{
    /// <summary>What a malformed record carries in <c>call_timestamp</c>: MySQL's zero date.</summary>
    public const string MalformedTimestamp = "0000-00-00 00:00:00";

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static WebFonesRecord Render(GeneratedCall call, bool malformed = false) => new(
        call.Number,
        malformed ? MalformedTimestamp : LocalTimestamp(call.StartedAtUtc),
        call.External.Name ?? "",
        call.Extension.Number,
        call.Direction == Telephony.Calls.CallDirection.Outbound ? "OUTGOING" : "INCOMING",
        DisplayNumber(call.External.E164),
        $"{WebFonesSandbox.CompanyNumber}, x{call.Extension.Number}",
        Disposition(call.Cause),
        call.RingSeconds + call.TalkSeconds,
        call.TalkSeconds,
        call.HasRecording ? 1 : 0);

    /// <summary>
    /// Asterisk CDR dispositions. A declined call shows as BUSY, a caller who hung up (or gave up) as CANCEL, an
    /// unreachable number as FAILED; a network error as CONGESTION, which the portal does not know (Unknown).
    /// </summary>
    public static string Disposition(EndCause cause) => cause switch
    {
        EndCause.Completed => "ANSWERED",
        EndCause.NoAnswer => "NO ANSWER",
        EndCause.Busy or EndCause.Declined => "BUSY",
        EndCause.CallerCancelled or EndCause.Abandoned => "CANCEL",
        EndCause.Unreachable => "FAILED",
        EndCause.NetworkError => "CONGESTION",
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, null),
    };

    /// <summary>"YYYY-MM-DD HH:MM:SS" in the account's zone (America/New_York), without a zone.</summary>
    public static string LocalTimestamp(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, WebFonesSandbox.Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>US numbers as "(212) 555-0123", others as "+44 20 7946 0958".</summary>
    public static string DisplayNumber(string e164)
    {
        var number = Phones.Parse(e164, null);
        return Phones.GetRegionCodeForNumber(number) == "US"
            ? Phones.Format(number, PhoneNumberFormat.NATIONAL)
            : Phones.Format(number, PhoneNumberFormat.INTERNATIONAL);
    }
}
