using System.Globalization;

namespace Portal.Telephony.Calls;

/// <summary>Reads a vendor's ISO 8601 / RFC 3339 time as UTC; a time without a zone is taken in the connection's zone.</summary>
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
        utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zoneForZoneless);
        return true;
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
