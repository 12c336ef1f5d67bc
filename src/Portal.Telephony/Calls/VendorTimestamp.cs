using System.Globalization;

namespace Portal.Telephony.Calls;

/// <summary>
/// Reads a vendor's ISO 8601 / RFC 3339 time as UTC; a time without a zone is taken in the connection's zone
/// (<see cref="LocalToUtc"/>: one the clocks skip there throws <see cref="UnreadableRecordException"/>).
/// </summary>
public static class VendorTimestamp
{
    public static bool TryParseUtc(string? text, TimeZoneInfo zoneForZoneless, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var trimmed = text.Trim();
        if (HasZone(trimmed))
        {
            if (!DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withZone))
            {
                return false;
            }
            utc = withZone.UtcDateTime;
            return true;
        }
        if (!DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }
        utc = LocalToUtc(local, zoneForZoneless);
        return true;
    }

    /// <summary>
    /// A zone-less local time of <paramref name="zone"/> in UTC. Times of the hour repeated when summer time ends are
    /// read as standard time. A time the clocks skip when summer time starts never happened there: the vendor's zone is
    /// not the connection's, so the record is skipped with that reason (<see cref="UnreadableRecordException"/>)
    /// rather than stored at a guessed instant.
    /// </summary>
    public static DateTime LocalToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            throw new UnreadableRecordException(
                $"{local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} does not exist in {zone.Id}: the clocks skip that hour when summer time starts. Check the connection's time zone.");
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    private static bool HasZone(string text)
    {
        if (text.EndsWith('Z') || text.EndsWith('z'))
        {
            return true;
        }
        var time = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (time < 0)
        {
            time = text.IndexOf(' ', StringComparison.Ordinal);
        }
        return time >= 0 && text.AsSpan(time).IndexOfAny('+', '-') >= 0;
    }
}
