using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.NfonCti;

/// <summary>
/// A published call of the NFON CTI traffic as the tenant stream tells it: <c>ring</c> when it started,
/// <c>answer</c> when it was answered, <c>hangup</c> when it ended (with an <c>error</c> word when it never connected),
/// seen from the extension. External numbers without '+', context <c>global</c>.
/// </summary>
public static class NfonCtiTrafficEvents
{
    public static IReadOnlyList<NfonCtiCallEvent> Render(GeneratedCall call)
    {
        var extension = call.Extension.Number;
        var other = NfonCtiWire.Number(call.External.E164);
        var otherContext = call.OtherExtension is null ? NfonCtiCallRequests.Global : NfonCtiSandbox.Tenant;
        var inbound = call.Direction == CallDirection.Inbound;
        var template = new NfonCtiCallEvent
        {
            Uuid = call.Id,
            Caller = inbound ? other : extension,
            CallerContext = inbound ? otherContext : NfonCtiSandbox.Tenant,
            Callee = inbound ? extension : other,
            CalleeContext = inbound ? NfonCtiSandbox.Tenant : otherContext,
            Extension = extension,
            Customer = NfonCtiSandbox.Tenant,
            Direction = inbound ? "inbound" : "outbound",
            State = "ring",
            Updated = NfonCtiWire.Time(call.StartedAtUtc),
        };
        var events = new List<NfonCtiCallEvent> { template };
        if (call.AnsweredAtUtc is { } answeredAt)
        {
            events.Add(template with { State = "answer", Updated = NfonCtiWire.Time(answeredAt) });
        }
        events.Add(template with { State = "hangup", Updated = NfonCtiWire.Time(call.EndedAtUtc), Error = ErrorWord(call.Cause) });
        return events;
    }

    /// <summary>The vendor's <c>error</c> word for how a call ended; null when it connected.</summary>
    public static string? ErrorWord(EndCause cause) => cause switch
    {
        EndCause.Completed => null,
        EndCause.NoAnswer => "timeout",
        EndCause.Busy => "busy",
        EndCause.Declined => "reject",
        EndCause.CallerCancelled or EndCause.Abandoned => "cancel",
        _ => "unspecified",
    };
}
