using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;

namespace Portal.Sandbox.Vendors.NfonCti;

/// <summary>
/// What the NFON CTI adapter must make of the emulator's output (tests). NFON CTI has no call records: a published
/// call reaches the portal only as live call events on the tenant stream.
/// </summary>
public static class NfonCtiExpectations
{
    /// <summary>The live call events the adapter must yield for a call published while its stream is connected.</summary>
    public static IReadOnlyList<LiveCallEvent> EventsFor(GeneratedCall call)
    {
        var extension = call.Extension.Number;
        var other = call.OtherExtension?.Number ?? call.External.E164; // E.164 with '+', as the adapter normalizes it
        var inbound = call.Direction == CallDirection.Inbound;
        var direction = inbound ? CallDirection.Inbound : CallDirection.Outbound;
        var events = new List<LiveCallEvent>
        {
            new(call.Id, "ring", extension, direction, inbound ? other : extension, inbound ? extension : other, call.StartedAtUtc, null),
        };
        if (call.AnsweredAtUtc is { } answeredAt)
        {
            events.Add(events[0] with { State = "answer", AtUtc = answeredAt });
        }
        events.Add(events[0] with { State = "hangup", AtUtc = call.EndedAtUtc, Error = NfonCtiTrafficEvents.ErrorWord(call.Cause) });
        return events;
    }
}
