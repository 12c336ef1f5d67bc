using Portal.Telephony.Calls;

namespace Portal.Telephony.Unpod;

/// <summary>
/// The one mapping table from Unpod's words to the portal's (README "Unpod"): call_status → outcome, and
/// call_type → direction. Unknown statuses map to <see cref="CallOutcome.Unknown"/>; the raw value is kept.
/// </summary>
internal static class UnpodVocabulary
{
    private static readonly Dictionary<string, CallResult> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["completed"] = CallResult.Connected,
        ["missed"] = CallResult.NeverConnected,
        ["no-answer"] = CallResult.NeverConnected,
        ["failed"] = CallResult.Failed,
    };

    private static readonly Dictionary<string, CallDirection> Directions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["inbound"] = CallDirection.Inbound,
        ["outbound"] = CallDirection.Outbound,
    };

    public static CallOutcome Outcome(string? status, CallDirection direction) => CallOutcomes.Of(Statuses, status, direction);

    public static bool TryDirection(string? value, out CallDirection direction)
    {
        direction = default;
        return value is not null && Directions.TryGetValue(value.Trim(), out direction);
    }
}
