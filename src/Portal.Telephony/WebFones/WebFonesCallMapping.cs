using Portal.Telephony.Calls;

namespace Portal.Telephony.WebFones;

/// <summary>
/// THE mapping of WebFones' words to the portal's (README "WebFones"). WebFones documents only "OUTGOING" and
/// "ANSWERED"; the rest is the Asterisk CDR vocabulary its records use. Anything else keeps its raw value and maps
/// to <see cref="CallOutcome.Unknown"/> (e.g. "CONGESTION").
/// </summary>
internal static class WebFonesCallMapping
{
    public static IReadOnlyDictionary<string, CallDirection> Directions { get; } =
        new Dictionary<string, CallDirection>(StringComparer.OrdinalIgnoreCase)
        {
            ["INCOMING"] = CallDirection.Inbound,
            ["OUTGOING"] = CallDirection.Outbound,
        };

    /// <summary><c>disposition</c> → outcome of an inbound call, outcome of an outbound call.</summary>
    public static IReadOnlyDictionary<string, (CallOutcome Inbound, CallOutcome Outbound)> Outcomes { get; } =
        new Dictionary<string, (CallOutcome, CallOutcome)>(StringComparer.OrdinalIgnoreCase)
        {
            ["ANSWERED"] = (CallOutcome.Answered, CallOutcome.Answered),
            ["NO ANSWER"] = (CallOutcome.Missed, CallOutcome.NotConnected),
            ["BUSY"] = (CallOutcome.Missed, CallOutcome.NotConnected),
            ["CANCEL"] = (CallOutcome.Missed, CallOutcome.NotConnected),
            ["FAILED"] = (CallOutcome.Failed, CallOutcome.Failed),
        };

    public static CallOutcome Outcome(string? disposition, CallDirection direction) =>
        disposition is not null && Outcomes.TryGetValue(disposition.Trim(), out var outcome)
            ? direction == CallDirection.Outbound ? outcome.Outbound : outcome.Inbound
            : CallOutcome.Unknown;
}
