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

    /// <summary><c>disposition</c> → what it says about the call.</summary>
    public static IReadOnlyDictionary<string, CallResult> Outcomes { get; } =
        new Dictionary<string, CallResult>(StringComparer.OrdinalIgnoreCase)
        {
            ["ANSWERED"] = CallResult.Connected,
            ["NO ANSWER"] = CallResult.NeverConnected,
            ["BUSY"] = CallResult.NeverConnected,
            ["CANCEL"] = CallResult.NeverConnected,
            ["FAILED"] = CallResult.Failed,
        };

    public static CallOutcome Outcome(string? disposition, CallDirection direction) => CallOutcomes.Of(Outcomes, disposition, direction);
}
