using System.Globalization;
using Portal.Telephony.Calls;
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
    public static TimeZoneInfo ZoneOf(VendorConnectionSettings settings)
    {
        try
        {
            return settings.Zone;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new VendorException(new VendorError(VendorKind.WebFones, VendorErrorKind.Configuration,
                $"The time zone '{settings.TimeZone}' is not known; use an IANA name such as America/New_York."), ex);
        }
    }

    public static bool TryParseLocal(string? text, out DateTime local) =>
        DateTime.TryParseExact(text?.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);

    /// <summary>
    /// A local time of <paramref name="zone"/> in UTC. The format cannot tell the two passes of the hour repeated
    /// when summer time ends apart: such times are read as standard time; times skipped when it starts use the
    /// zone's standard offset.
    /// </summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return zone.IsInvalidTime(local)
            ? DateTime.SpecifyKind(local - zone.BaseUtcOffset, DateTimeKind.Utc)
            : TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

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
