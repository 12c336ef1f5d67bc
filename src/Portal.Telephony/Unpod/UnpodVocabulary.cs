using Portal.Telephony.Calls;

namespace Portal.Telephony.Unpod;

/// <summary>
/// The one mapping table from Unpod's words to the portal's (README "Unpod"): call_status → outcome, and
/// call_type → direction. Unknown statuses map to <see cref="CallOutcome.Unknown"/>; the raw value is kept.
/// </summary>
internal static class UnpodVocabulary
{
    private enum Result { Connected, NeverConnected, Failed }

    private static readonly Dictionary<string, Result> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["completed"] = Result.Connected,
        ["missed"] = Result.NeverConnected,
        ["no-answer"] = Result.NeverConnected,
        ["failed"] = Result.Failed,
    };

    private static readonly Dictionary<string, CallDirection> Directions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["inbound"] = CallDirection.Inbound,
        ["outbound"] = CallDirection.Outbound,
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
