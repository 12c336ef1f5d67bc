using Portal.Telephony.Calls;

namespace Portal.Telephony.Tests.Calls;

public class CallOutcomesTests
{
    [Theory]
    [InlineData(CallResult.Connected, CallDirection.Inbound, CallOutcome.Answered)]
    [InlineData(CallResult.Connected, CallDirection.Outbound, CallOutcome.Answered)]
    [InlineData(CallResult.NeverConnected, CallDirection.Inbound, CallOutcome.Missed)]
    [InlineData(CallResult.NeverConnected, CallDirection.Internal, CallOutcome.Missed)]
    [InlineData(CallResult.NeverConnected, CallDirection.Outbound, CallOutcome.NotConnected)]
    [InlineData(CallResult.Failed, CallDirection.Inbound, CallOutcome.Failed)]
    [InlineData(CallResult.Unknown, CallDirection.Outbound, CallOutcome.Unknown)]
    public void Of_ResultAndDirection_GivesOutcome(CallResult result, CallDirection direction, CallOutcome expected)
    {
        Assert.Equal(expected, CallOutcomes.Of(result, direction));
    }

    [Theory]
    [InlineData(" Busy ", CallOutcome.NotConnected)]
    [InlineData("busy", CallOutcome.NotConnected)]
    [InlineData("exploded", CallOutcome.Unknown)]
    [InlineData(null, CallOutcome.Unknown)]
    public void Of_StatusWord_LooksUpTrimmedAndUnknownStaysUnknown(string? status, CallOutcome expected)
    {
        var table = new Dictionary<string, CallResult>(StringComparer.OrdinalIgnoreCase) { ["Busy"] = CallResult.NeverConnected };

        Assert.Equal(expected, CallOutcomes.Of(table, status, CallDirection.Outbound));
    }
}
