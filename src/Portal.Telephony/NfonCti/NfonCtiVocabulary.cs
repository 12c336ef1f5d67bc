using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;

namespace Portal.Telephony.NfonCti;

/// <summary>
/// The one place where NFON CTI's words become the portal's: line states, presence, call direction, and
/// the timestamps. Unknown words map to Unknown (or no direction); the raw word is kept by the caller.
/// </summary>
public static partial class NfonCtiVocabulary
{
    public static IReadOnlyDictionary<string, LineState> Lines { get; } = new Dictionary<string, LineState>(StringComparer.OrdinalIgnoreCase)
    {
        ["unknown"] = LineState.Unknown,
        ["offline"] = LineState.Offline,
        ["idle"] = LineState.Idle,
        ["ringing"] = LineState.Ringing,
        ["in-use"] = LineState.InUse,
    };

    /// <summary>"null" (a string in the vendor's enum, or a JSON null) means the presence is not known.</summary>
    public static IReadOnlyDictionary<string, Presence> Presences { get; } = new Dictionary<string, Presence>(StringComparer.OrdinalIgnoreCase)
    {
        ["offline"] = Presence.Offline,
        ["available"] = Presence.Available,
        ["away"] = Presence.Away,
        ["busy"] = Presence.Busy,
        ["dnd"] = Presence.DoNotDisturb,
        ["null"] = Presence.Unknown,
    };

    public static IReadOnlyDictionary<string, CallDirection> Directions { get; } = new Dictionary<string, CallDirection>(StringComparer.OrdinalIgnoreCase)
    {
        ["inbound"] = CallDirection.Inbound,
        ["outbound"] = CallDirection.Outbound,
    };

    /// <summary>The context of public numbers; any other context (a K-Account, empty) means an extension.</summary>
    public const string GlobalContext = "global";

    public static LineState Line(string? raw) => raw is not null && Lines.TryGetValue(raw.Trim(), out var line) ? line : LineState.Unknown;

    public static Presence PresenceOf(string? raw) => raw is not null && Presences.TryGetValue(raw.Trim(), out var presence) ? presence : Presence.Unknown;

    public static CallDirection? Direction(string? raw) => raw is not null && Directions.TryGetValue(raw.Trim(), out var direction) ? direction : null;

    /// <summary>
    /// RFC 3339 with up to nanoseconds and a zone ("2025-09-23T16:51:22.954969226+02:00", "…Z") to UTC; null for
    /// anything else, such as the vendor's own malformed examples ("2013-10-27T13:01:10:00.069620809+02:00").
    /// </summary>
    public static DateTime? Time(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || Rfc3339().Match(raw.Trim()) is not { Success: true } match)
        {
            return null;
        }
        var fraction = match.Groups["fraction"].Value;
        var text = match.Groups["seconds"].Value + (fraction.Length > 8 ? fraction[..8] : fraction) + match.Groups["zone"].Value.ToUpperInvariant();
        return DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var value) ? value.UtcDateTime : null;
    }

    /// <summary>A party's number as the portal keeps it: E.164 for public numbers, the extension as it came otherwise.</summary>
    public static string? Party(string? number, string? context, string region)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return null;
        }
        var trimmed = number.Trim();
        var isGlobal = string.Equals(context, GlobalContext, StringComparison.OrdinalIgnoreCase) && !trimmed.StartsWith('+') && !trimmed.StartsWith("00", StringComparison.Ordinal);
        return PhoneNumberNormalizer.ToE164(isGlobal ? "+" + trimmed : trimmed, region);
    }

    [GeneratedRegex(@"^(?<seconds>\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2})(?<fraction>\.\d+)?(?<zone>[Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}
