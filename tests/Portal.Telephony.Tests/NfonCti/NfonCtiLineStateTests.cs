using Portal.Sandbox.Company;
using Portal.Sandbox.Faults;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests.NfonCti;

public sealed class NfonCtiLineStateTests(NfonCtiFixture fixture) : IClassFixture<NfonCtiFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.Server.ClearFaults(VendorKind.NfonCti);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task StreamLineStatesAsync_Connect_DeliversTheBootstrapOfEveryExtension()
    {
        await using var stream = new StreamProbe<LineStateChange>(fixture.Adapter<ILineStateStream>().StreamLineStatesAsync);

        var bootstrap = await stream.TakeAsync(SandboxCompany.Extensions.Count);

        Assert.Equal(SandboxCompany.Extensions.Select(e => e.Number), bootstrap.Select(s => s.Extension));
        Assert.All(bootstrap, s => Assert.Equal(DateTimeKind.Utc, s.AtUtc?.Kind));
        var byExtension = bootstrap.ToDictionary(s => s.Extension);
        Assert.Equal((LineState.Idle, Presence.Available, "idle", "available"), Parts(byExtension["101"]));
        Assert.Equal((LineState.Idle, Presence.Away, "idle", "away"), Parts(byExtension["103"]));
        Assert.Equal((LineState.Idle, Presence.DoNotDisturb, "idle", "dnd"), Parts(byExtension["105"]));
        Assert.Equal((LineState.InUse, Presence.Busy, "in-use", "busy"), Parts(byExtension["112"]));
        Assert.Equal((LineState.Offline, Presence.Offline, "offline", "offline"), Parts(byExtension["114"]));
        Assert.Equal((LineState.Unknown, Presence.Unknown, "unknown", "null"), Parts(byExtension["115"]));
        Assert.Equal((LineState.Idle, Presence.Unknown, "idle", null), Parts(byExtension["123"]));
    }

    [Fact]
    public async Task StreamLineStatesAsync_StreamDropped_ReconnectsAndBootstrapsAgain()
    {
        fixture.Server.Faults.Set(VendorKind.NfonCti, new VendorFaults { DropStreamsAfterEvents = 10 });
        var connections = fixture.LineBoard.Subscriptions;
        await using var stream = new StreamProbe<LineStateChange>(fixture.Adapter<ILineStateStream>().StreamLineStatesAsync);

        var states = await stream.TakeAsync(20);

        var firstTen = SandboxCompany.Extensions.Take(10).Select(e => e.Number).ToList();
        Assert.Equal(firstTen, states.Take(10).Select(s => s.Extension));
        Assert.Equal(firstTen, states.Skip(10).Select(s => s.Extension));
        Assert.True(fixture.LineBoard.Subscriptions >= connections + 2);
    }

    [Fact]
    public async Task StreamLineStatesAsync_MalformedStates_AreSkippedAndTheStreamGoesOn()
    {
        fixture.Server.Faults.Set(VendorKind.NfonCti, new VendorFaults { MalformedRate = 1 });
        var connections = fixture.LineBoard.Subscriptions;
        await using var stream = new StreamProbe<LineStateChange>(fixture.Adapter<ILineStateStream>().StreamLineStatesAsync);
        await fixture.LineBoard.WaitForSubscriptionsAsync(connections + 1, CancellationToken.None).WaitAsync(StreamProbe<LineStateChange>.Patience);

        fixture.Server.ClearFaults(VendorKind.NfonCti);
        var at = fixture.Server.Clock.UtcNow;
        fixture.LineBoard.SetPresence("104", "away", at);

        var first = await stream.NextAsync(); // the malformed bootstrap was skipped
        Assert.Equal(("104", Presence.Away), (first.Extension, first.Presence));
        fixture.LineBoard.SetPresence("104", "available", at);
    }

    [Fact]
    public async Task StreamLineStatesAsync_ClickToCall_ShowsTheCallersLineRingingInUseAndIdle()
    {
        await using var stream = new StreamProbe<LineStateChange>(fixture.Adapter<ILineStateStream>().StreamLineStatesAsync);
        await stream.TakeAsync(SandboxCompany.Extensions.Count);

        await fixture.Adapter<ICallControl>().StartCallAsync("102", "+49 30 12345678", CancellationToken.None);
        var changes = await stream.UntilAsync(s => s.Extension == "102" && s.Line == LineState.Idle);

        Assert.Equal([LineState.Ringing, LineState.InUse, LineState.Idle], changes.Where(s => s.Extension == "102").Select(s => s.Line));
    }

    [Fact]
    public async Task StreamLineStatesAsync_TokensRevoked_EndsWithAnAuthenticationError()
    {
        fixture.Server.Faults.Set(VendorKind.NfonCti, new VendorFaults { TokensRevoked = true });
        await using var stream = new StreamProbe<LineStateChange>(fixture.Adapter<ILineStateStream>().StreamLineStatesAsync);

        var thrown = await Assert.ThrowsAsync<VendorException>(stream.NextAsync);

        Assert.Equal(VendorErrorKind.Authentication, thrown.Error.Kind);
    }

    private static (LineState, Presence, string, string?) Parts(LineStateChange change) => (change.Line, change.Presence, change.RawLine, change.RawPresence);
}
