using System.Globalization;
using Portal.Telephony.Connections;

namespace Portal.Telephony.WebFones;

/// <summary>
/// WebFones times are zone-less "YYYY-MM-DD HH:MM:SS" in the account's zone (the connection's
/// <c>TimeZone</c> setting; UTC when none is set), both in records and in the <c>timestamp</c> query.
/// </summary>
internal static class WebFonesTime
{
    public const string Format = "yyyy-MM-dd HH:mm:ss";

    private static readonly DateTime Earliest = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly DateTime EarliestUtc = new(1970, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The connection's zone; a zone this machine does not know is a configuration error.</summary>
    public static TimeZoneInfo ZoneOf(VendorConnectionSettings settings) => settings.Zone;

    public static bool TryParseLocal(string? text, out DateTime local) =>
        DateTime.TryParseExact(text?.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);

    public static string ToLocalText(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), zone).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>
    /// The <c>timestamp</c> to ask for every call starting at or after <paramref name="sinceUtc"/>: "after" is strictly
    /// greater, so one second earlier (the read dedupes by rid). Inside the hour repeated when summer time ends, one
    /// hour earlier still, so that the second pass of that hour, whose local times look older, is not skipped.
    /// </summary>
    public static string QueryFrom(DateTime sinceUtc, TimeZoneInfo zone)
    {
        if (AsUtc(sinceUtc) < EarliestUtc)
        {
            return Earliest.ToString(Format, CultureInfo.InvariantCulture);
        }
        var local = TimeZoneInfo.ConvertTimeFromUtc(AsUtc(sinceUtc), zone);
        local = new DateTime(local.Ticks - local.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Unspecified).AddSeconds(-1);
        if (zone.IsAmbiguousTime(local))
        {
            local = local.AddHours(-1);
        }
        return local.ToString(Format, CultureInfo.InvariantCulture);
    }

    public static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
