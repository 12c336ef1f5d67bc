using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.WebFones;

/// <summary>What a WebFones adapter (TimeZone America/New_York, PhoneRegion US) must make of one generated call.</summary>
public sealed record WebFonesExpectedCall(
    string VendorCallId,
    CallDirection Direction,
    CallOutcome Outcome,
    string VendorStatus,
    DateTime StartedAtUtc,
    DateTime? AnsweredAtUtc,
    DateTime EndedAtUtc,
    int DurationSeconds,
    int RingSeconds,
    string Extension,
    string ExternalNumber,
    string ExternalNumberOriginal,
    string? ExternalName,
    bool HasRecording);

public static class WebFonesExpectations
{
    public static WebFonesExpectedCall For(GeneratedCall call)
    {
        var record = WebFonesRecords.Render(call);
        var started = ReadBackStart(call.StartedAtUtc);
        return new WebFonesExpectedCall(
            call.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            call.Direction,
            // CONGESTION is the one disposition the portal does not know.
            record.Disposition == "CONGESTION" ? CallOutcome.Unknown : call.NeutralOutcome,
            record.Disposition,
            started,
            call.WasAnswered ? started.AddSeconds(call.RingSeconds) : null,
            started.AddSeconds(call.RingSeconds + call.TalkSeconds),
            call.TalkSeconds,
            call.RingSeconds,
            call.Extension.Number,
            call.External.E164,
            record.CidNumberOutside,
            call.External.Name,
            call.HasRecording);
    }

    /// <summary>
    /// The start as a zone-less local time can give it back: exact, except in the hour repeated when summer time
    /// ends, which the format cannot tell apart (read as standard time).
    /// </summary>
    public static DateTime ReadBackStart(DateTime startedAtUtc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(startedAtUtc, WebFonesSandbox.Zone);
        return WebFonesSandbox.Zone.IsAmbiguousTime(local) ? TimeZoneInfo.ConvertTimeToUtc(local, WebFonesSandbox.Zone) : startedAtUtc;
    }
}
