using Portal.Sandbox.Company;
using Portal.Sandbox.Traffic;

namespace Portal.Sandbox.Vendors.Cinnox;

/// <summary>How CINNOX says what happened: call status, bye reason and SIP response code per end cause; staff roles.</summary>
internal static class CinnoxVocabulary
{
    public static string Status(EndCause cause) => cause switch
    {
        EndCause.Completed => "Call Ended",
        EndCause.NoAnswer => "Not Answered",
        EndCause.Busy => "Busy",
        EndCause.Declined => "Declined",
        EndCause.CallerCancelled => "Cancelled",
        EndCause.Abandoned => "Abandoned",
        EndCause.Unreachable => "Unreachable",
        EndCause.NetworkError => "Call Failed",
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, null),
    };

    public static (string Code, string Reason) Bye(EndCause cause) => cause switch
    {
        EndCause.Completed => ("200", "Normal call clearing"),
        EndCause.NoAnswer => ("480", "No answer from user"),
        EndCause.Busy => ("486", "User busy"),
        EndCause.Declined => ("603", "Call rejected"),
        EndCause.CallerCancelled => ("487", "Request terminated"),
        EndCause.Abandoned => ("200", "Caller hung up in IVR"),
        EndCause.Unreachable => ("480", "Subscriber absent"),
        EndCause.NetworkError => ("503", "Network out of order"),
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, null),
    };

    public static (string Role, string RoleName) Role(SandboxExtension extension) => extension.Number switch
    {
        "100" => ("ADMIN", "Administrator"),
        "101" or "110" or "120" => ("SUPERVISOR", "Supervisor"),
        _ => ("AGENT", "Agent"),
    };

    /// <summary>Outbound calls of the sales team's campaigns go out as Smart Calling; everything else is off-net.</summary>
    public static string CallType(GeneratedCall call) =>
        call.Direction == Portal.Telephony.Calls.CallDirection.Outbound && call.Extension.TeamKey == "sales" && call.Number % 3 == 0 ? "smartcall" : "offnet";
}
