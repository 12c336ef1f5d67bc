using Portal.Sandbox.Faults;
using Portal.Sandbox.Traffic;
using Portal.Sandbox.Vendors.NfonCti;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;

namespace Portal.Telephony.Tests.NfonCti;

public sealed class NfonCtiCallEventTests(NfonCtiFixture fixture) : IClassFixture<NfonCtiFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.Server.ClearFaults(VendorKind.NfonCti);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task StreamCallEventsAsync_CallsPublishedWhileConnected_MatchTheGroundTruth()
    {
        await using var stream = await ConnectedAsync(expectedConnections: 1);
        var calls = NextCalls(5);

        Publish(calls);
        var expected = calls.SelectMany(NfonCtiExpectations.EventsFor).ToList();
        var events = await stream.TakeAsync(expected.Count);

        Assert.Equal(expected, events);
        Assert.Contains(events, e => e.Direction == CallDirection.Inbound);
        Assert.Contains(events, e => e.Direction == CallDirection.Outbound);
    }

    [Fact]
    public async Task StreamCallEventsAsync_CallsPublishedBeforeConnecting_AreNotSent()
    {
        var before = NextCalls(1);
        Publish(before);
        await using var stream = await ConnectedAsync(expectedConnections: 1);
        var after = NextCalls(1);

        Publish(after);
        var first = await stream.NextAsync();

        Assert.Equal(after[0].Id, first.CallId);
    }

    [Fact]
    public async Task StreamCallEventsAsync_StreamDropped_ReconnectsAndDeliversLaterEventsButNotTheGap()
    {
        fixture.Server.Faults.Set(VendorKind.NfonCti, new VendorFaults { DropStreamsAfterEvents = 1 });
        var connections = fixture.CallHub.Subscriptions;
        await using var stream = new StreamProbe<LiveCallEvent>(fixture.Adapter<ICallEventStream>().StreamCallEventsAsync);
        await WaitForConnectionsAsync(connections + 1);
        var (first, second) = (NextCalls(1)[0], NextCalls(2)[1]);

        Publish([first]);
        var firstEvent = await stream.NextAsync();
        await WaitForConnectionsAsync(connections + 2); // dropped after one event, then reconnected
        Publish([second]);
        var nextEvent = await stream.NextAsync();

        Assert.Equal((first.Id, "ring"), (firstEvent.CallId, firstEvent.State));
        Assert.Equal((second.Id, "ring"), (nextEvent.CallId, nextEvent.State)); // the rest of the first call fell into the gap
    }

    private async Task<StreamProbe<LiveCallEvent>> ConnectedAsync(int expectedConnections)
    {
        var connections = fixture.CallHub.Subscriptions;
        var stream = new StreamProbe<LiveCallEvent>(fixture.Adapter<ICallEventStream>().StreamCallEventsAsync);
        await WaitForConnectionsAsync(connections + expectedConnections);
        return stream;
    }

    private Task WaitForConnectionsAsync(int count) =>
        fixture.CallHub.WaitForSubscriptionsAsync(count, CancellationToken.None).WaitAsync(StreamProbe<LiveCallEvent>.Patience);

    private SandboxCallLog Log => fixture.Server.Traffic.Log(VendorKind.NfonCti);

    /// <summary>
    /// Calls of the NFON CTI traffic that have not been published yet: those ending after the sandbox clock's fixed start,
    /// so the same calls whenever the tests run.
    /// </summary>
    private List<GeneratedCall> NextCalls(int count)
    {
        var published = Log.Current().Select(p => p.Call.Id).ToHashSet();
        var start = fixture.Server.Clock.Start.UtcDateTime;
        return Log.Generator.CallsEndedBetween(start, start.AddDays(14)).Where(c => !published.Contains(c.Id)).Take(count).ToList();
    }

    private void Publish(IEnumerable<GeneratedCall> calls) => Log.Publish(calls, fixture.Server.Clock.UtcNow);
}
