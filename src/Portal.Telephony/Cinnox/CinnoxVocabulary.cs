using Portal.Telephony.Calls;

namespace Portal.Telephony.Cinnox;

/// <summary>
/// The one mapping table from CINNOX's words to the portal's (README "CINNOX"): call status → outcome, and
/// callDirection → direction. Unknown statuses map to <see cref="CallOutcome.Unknown"/>; the raw value is kept.
/// </summary>
internal static class CinnoxVocabulary
{
    private static readonly Dictionary<string, CallResult> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Call Ended"] = CallResult.Connected,
        ["Declined"] = CallResult.NeverConnected,
        ["Busy"] = CallResult.NeverConnected,
        ["Not Answered"] = CallResult.NeverConnected,
        ["Cancelled"] = CallResult.NeverConnected,
        ["Abandoned"] = CallResult.NeverConnected,
        ["Unreachable"] = CallResult.Failed,
        ["Call Failed"] = CallResult.Failed,
    };

    private static readonly Dictionary<string, CallDirection> Directions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Inbound"] = CallDirection.Inbound,
        ["Outbound"] = CallDirection.Outbound,
    };

    public static CallOutcome Outcome(string? status, CallDirection direction) => CallOutcomes.Of(Statuses, status, direction);

    public static bool TryDirection(string? value, out CallDirection direction)
    {
        direction = default;
        return value is not null && Directions.TryGetValue(value.Trim(), out direction);
    }
}
