using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests.NfonCti;

public sealed class NfonCtiCallControlTests(NfonCtiFixture fixture) : IClassFixture<NfonCtiFixture>
{
    private static readonly string[] Progression = ["start", "caller-dial", "caller-ring", "caller-answer", "dial", "ring", "answer", "end"];

    [Fact]
    public async Task StartCallAsync_ReachableNumber_ProgressionObservedOnTheCallEventStream()
    {
        await using var stream = await ConnectedCallEventsAsync();

        var callId = await fixture.Adapter<ICallControl>().StartCallAsync("101", "+49 30 1234567", CancellationToken.None);
        var events = await stream.UntilAsync(e => e.CallId == callId && e.State == "end");

        var call = events.Where(e => e.CallId == callId).ToList();
        Assert.Equal(Progression, call.Select(e => e.State));
        Assert.All(call, e =>
        {
            Assert.Equal(("101", "+49301234567", "101", CallDirection.Outbound), (e.Caller, e.Callee, e.Extension, e.Direction));
            Assert.Equal(DateTimeKind.Utc, e.AtUtc?.Kind);
        });
        Assert.Null(call[^1].Error);
    }

    [Fact]
    public async Task StartCallAsync_BusyNumber_EndsWithBusyAfterDialling()
    {
        await using var stream = await ConnectedCallEventsAsync();

        var callId = await fixture.Adapter<ICallControl>().StartCallAsync("103", "0049 30 1234560", CancellationToken.None);
        var events = await stream.UntilAsync(e => e.CallId == callId && e.State == "end");

        var call = events.Where(e => e.CallId == callId).ToList();
        Assert.Equal(["start", "caller-dial", "caller-ring", "caller-answer", "dial", "end"], call.Select(e => e.State));
        Assert.Equal("busy", call[^1].Error);
    }

    [Fact]
    public async Task StartCallAsync_NationalNumberAndExtension_AreDialledInTheirContexts()
    {
        await using var stream = await ConnectedCallEventsAsync();
        var control = fixture.Adapter<ICallControl>();

        var national = await control.StartCallAsync("104", "030 7654321", CancellationToken.None);
        var first = await stream.UntilAsync(e => e.CallId == national);
        var internalCall = await control.StartCallAsync("104", "110", CancellationToken.None);
        var second = await stream.UntilAsync(e => e.CallId == internalCall);

        Assert.Equal("+49307654321", first[^1].Callee);
        Assert.Equal("110", second[^1].Callee);
    }

    [Fact]
    public async Task StartCallAsync_UnknownExtension_ThrowsRejectedWithTheVendorsWords()
    {
        var thrown = await Assert.ThrowsAsync<VendorException>(() =>
            fixture.Adapter<ICallControl>().StartCallAsync("999", "+49301234567", CancellationToken.None));

        Assert.Equal(VendorErrorKind.Rejected, thrown.Error.Kind);
        Assert.Equal("NFON CTI did not find it (404): caller extension 999 does not exist in K1234.", thrown.Error.Message);
    }

    [Fact]
    public async Task StartCallAsync_NotANumber_ThrowsRejectedBeforeCalling()
    {
        var thrown = await Assert.ThrowsAsync<VendorException>(() =>
            fixture.Adapter<ICallControl>().StartCallAsync("101", "call me maybe", CancellationToken.None));

        Assert.Equal(VendorErrorKind.Rejected, thrown.Error.Kind);
    }

    [Fact]
    public async Task EndCallAsync_CallStillRinging_ReturnsTrueAndTheCallEndsCancelled()
    {
        await using var stream = await ConnectedCallEventsAsync();
        var control = fixture.Adapter<ICallControl>();
        var callId = await control.StartCallAsync("120", "+49 30 1234569", CancellationToken.None); // ends in 9: never answers

        var ended = await control.EndCallAsync(callId, CancellationToken.None);
        var events = await stream.UntilAsync(e => e.CallId == callId && e.State == "end");

        Assert.True(ended);
        Assert.Equal("cancel", events[^1].Error);
        Assert.DoesNotContain(events, e => e.CallId == callId && e.State == "answer");
    }

    [Fact]
    public async Task EndCallAsync_UnknownCall_ReturnsFalse()
    {
        var ended = await fixture.Adapter<ICallControl>().EndCallAsync(Guid.NewGuid().ToString(), CancellationToken.None);

        Assert.False(ended);
    }

    [Fact]
    public async Task EndCallAsync_AnsweredCall_ReturnsFalse()
    {
        await using var stream = await ConnectedCallEventsAsync();
        var control = fixture.Adapter<ICallControl>();
        var callId = await control.StartCallAsync("102", "+49 30 1234567", CancellationToken.None);
        await stream.UntilAsync(e => e.CallId == callId && e.State == "answer");

        Assert.False(await control.EndCallAsync(callId, CancellationToken.None));
    }

    /// <summary>The tenant's call events, once the adapter is connected (events before that are not sent).</summary>
    private async Task<StreamProbe<LiveCallEvent>> ConnectedCallEventsAsync()
    {
        var connections = fixture.CallHub.Subscriptions;
        var stream = new StreamProbe<LiveCallEvent>(fixture.Adapter<ICallEventStream>().StreamCallEventsAsync);
        await fixture.CallHub.WaitForSubscriptionsAsync(connections + 1, CancellationToken.None).WaitAsync(StreamProbe<LiveCallEvent>.Patience);
        return stream;
    }
}
