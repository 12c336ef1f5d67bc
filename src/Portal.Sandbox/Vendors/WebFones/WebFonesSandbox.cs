using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.WebFones;

/// <summary>
/// The emulated WebFones account: where it is, its fixed credential, and the choices the CONTRACT leaves open.
/// The account's time zone is America/New_York: <c>call_timestamp</c> and the <c>timestamp</c> filter are local
/// times of that zone without a zone (a connection to it sets TimeZone "America/New_York", PhoneRegion "US").
/// </summary>
public static class WebFonesSandbox
{
    /// <summary>Base path of the emulator: <c>GET /webfones/call_log/records_after_timestamp?timestamp=…</c>.</summary>
    public const string BasePath = "/webfones";

    /// <summary>The sandbox API key, accepted as <c>x-api-key</c> or <c>Authorization: Bearer</c>.</summary>
    public const string ApiKey = "sandbox-webfones-key";

    public const string TimeZone = "America/New_York";

    public const string PhoneRegion = "US";

    /// <summary>The company's main number as WebFones shows it in <c>cidnumber_inside</c> ("(212) 555-0100, x101").</summary>
    public const string CompanyNumber = "(212) 555-0100";

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>US numbers mostly, business hours of New York, no internal calls, recordings (3.1).</summary>
    public static TrafficProfile Profile { get; } = new(VendorKind.WebFones, TimeZone, ExternalRegion: "US", Recordings: true);
}

/// <summary>The emulator's rate limit (configuration "Sandbox:WebFones"), as WebFones documents it by default.</summary>
public sealed class WebFonesEmulatorOptions
{
    public const string Section = "Sandbox:WebFones";

    /// <summary>Requests allowed per <see cref="RateWindow"/> per API key (per client IP without a key).</summary>
    public int RequestLimit { get; set; } = 1000;

    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(15);
}
