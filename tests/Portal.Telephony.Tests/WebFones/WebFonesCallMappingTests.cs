using Portal.Telephony.Calls;
using Portal.Telephony.WebFones;

namespace Portal.Telephony.Tests.WebFones;

public sealed class WebFonesCallMappingTests
{
    [Theory]
    [InlineData("ANSWERED", CallDirection.Inbound, CallOutcome.Answered)]
    [InlineData("ANSWERED", CallDirection.Outbound, CallOutcome.Answered)]
    [InlineData("NO ANSWER", CallDirection.Inbound, CallOutcome.Missed)]
    [InlineData("NO ANSWER", CallDirection.Outbound, CallOutcome.NotConnected)]
    [InlineData("BUSY", CallDirection.Inbound, CallOutcome.Missed)]
    [InlineData("BUSY", CallDirection.Outbound, CallOutcome.NotConnected)]
    [InlineData("CANCEL", CallDirection.Inbound, CallOutcome.Missed)]
    [InlineData("CANCEL", CallDirection.Outbound, CallOutcome.NotConnected)]
    [InlineData("FAILED", CallDirection.Inbound, CallOutcome.Failed)]
    [InlineData("FAILED", CallDirection.Outbound, CallOutcome.Failed)]
    [InlineData(" no answer ", CallDirection.Inbound, CallOutcome.Missed)]
    [InlineData("CONGESTION", CallDirection.Inbound, CallOutcome.Unknown)]
    [InlineData("", CallDirection.Outbound, CallOutcome.Unknown)]
    [InlineData(null, CallDirection.Outbound, CallOutcome.Unknown)]
    public void Outcome_Disposition_MapsByDirection(string? disposition, CallDirection direction, CallOutcome expected)
    {
        Assert.Equal(expected, WebFonesCallMapping.Outcome(disposition, direction));
    }

    [Theory]
    [InlineData("INCOMING", CallDirection.Inbound)]
    [InlineData("OUTGOING", CallDirection.Outbound)]
    [InlineData("outgoing", CallDirection.Outbound)]
    public void Directions_VendorWord_MapsToDirection(string word, CallDirection expected)
    {
        Assert.Equal(expected, WebFonesCallMapping.Directions[word]);
    }
}
