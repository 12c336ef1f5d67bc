using PhoneNumbers;

namespace Portal.Telephony.Calls;

/// <summary>
/// Normalizes phone numbers as vendors send them ("+49 (30) 1234-567", "0049301234567", "030 1234567")
/// to E.164, using a default region for national numbers. Numbers that cannot be parsed as a valid
/// number (extensions, "anonymous", short codes) are returned trimmed, as they came.
/// </summary>
public static class PhoneNumberNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static string? ToE164(string? raw, string defaultRegion) =>
        string.IsNullOrWhiteSpace(raw) ? null : TryToE164(raw, defaultRegion) ?? raw.Trim();

    /// <summary>The number in E.164 when it is a valid phone number (national numbers read in the region), otherwise null.</summary>
    public static string? TryToE164(string? raw, string defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var trimmed = raw.Trim();
        var candidate = trimmed.StartsWith("00", StringComparison.Ordinal) ? "+" + trimmed[2..] : trimmed;
        try
        {
            var number = Util.Parse(candidate, defaultRegion.ToUpperInvariant());
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
