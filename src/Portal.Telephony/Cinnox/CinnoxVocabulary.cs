using Portal.Telephony.Calls;

namespace Portal.Telephony.Cinnox;

/// <summary>
/// The one mapping table from CINNOX's words to the portal's (README "CINNOX"): call status → outcome, and
/// callDirection → direction. Unknown statuses map to <see cref="CallOutcome.Unknown"/>; the raw value is kept.
/// </summary>
internal static class CinnoxVocabulary
{
    private enum Result { Connected, NeverConnected, Failed }

    private static readonly Dictionary<string, Result> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Call Ended"] = Result.Connected,
        ["Declined"] = Result.NeverConnected,
        ["Busy"] = Result.NeverConnected,
        ["Not Answered"] = Result.NeverConnected,
        ["Cancelled"] = Result.NeverConnected,
        ["Abandoned"] = Result.NeverConnected,
        ["Unreachable"] = Result.Failed,
        ["Call Failed"] = Result.Failed,
    };

    private static readonly Dictionary<string, CallDirection> Directions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Inbound"] = CallDirection.Inbound,
        ["Outbound"] = CallDirection.Outbound,
    };

    /// <summary>Never connected: <see cref="CallOutcome.Missed"/> inbound, <see cref="CallOutcome.NotConnected"/> outbound.</summary>
    public static CallOutcome Outcome(string? status, CallDirection direction) =>
        status is not null && Statuses.TryGetValue(status.Trim(), out var result)
            ? result switch
            {
                Result.Connected => CallOutcome.Answered,
                Result.Failed => CallOutcome.Failed,
                _ => direction == CallDirection.Outbound ? CallOutcome.NotConnected : CallOutcome.Missed,
            }
            : CallOutcome.Unknown;

    public static bool TryDirection(string? value, out CallDirection direction)
    {
        direction = default;
        return value is not null && Directions.TryGetValue(value.Trim(), out direction);
    }
}
