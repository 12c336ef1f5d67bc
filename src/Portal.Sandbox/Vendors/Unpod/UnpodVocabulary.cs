using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.Unpod;

/// <summary>
/// How Unpod says what happened. call_status: completed; failed for unreachable and network errors; an outbound call
/// that never connected is "no-answer" (the playground's value); an inbound one is "missed", except that every other
/// unanswered ring (even call numbers) says "no-answer" too. Every fifth call is in the older record format: with an
/// id, a "H:MM:SS" duration and a kebab-case end_reason.
/// </summary>
internal static class UnpodVocabulary
{
    public static bool OlderFormat(GeneratedCall call) => call.Number % 5 == 0;

    public static string Status(GeneratedCall call) => call.Cause switch
    {
        EndCause.Completed => "completed",
        EndCause.Unreachable or EndCause.NetworkError => "failed",
        _ when call.Direction == CallDirection.Outbound => "no-answer",
        EndCause.NoAnswer when call.Number % 2 == 0 => "no-answer",
        _ => "missed",
    };

    public static string EndReason(GeneratedCall call)
    {
        var (current, older) = call.Cause switch
        {
            EndCause.Completed when call.Number % 2 == 0 => ("caller_hangup", "customer-ended-call"),
            EndCause.Completed => ("agent_hangup", "assistant-ended-call"),
            EndCause.NoAnswer => ("no_answer", "customer-did-not-answer"),
            EndCause.Busy => ("busy", "customer-busy"),
            EndCause.Declined => ("call_rejected", "customer-declined"),
            EndCause.CallerCancelled => ("caller_cancelled", "customer-ended-call"),
            EndCause.Abandoned => ("caller_abandoned", "customer-abandoned"),
            EndCause.Unreachable => ("unreachable", "customer-unreachable"),
            EndCause.NetworkError => ("network_error", "pipeline-error"),
            _ => throw new ArgumentOutOfRangeException(nameof(call), call.Cause, null),
        };
        return OlderFormat(call) ? older : current;
    }

    public static string Id(GeneratedCall call) => "call_" + Guid.Parse(call.Id).ToString("N")[..12];

    public static string Duration(int seconds) => $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}";
}
