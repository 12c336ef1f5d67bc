using Portal.Sandbox.Faults;
using Portal.Telephony.Connections;
using static Portal.Telephony.Tests.NfonCallHistory.NfonTestSupport;

namespace Portal.Telephony.Tests.NfonCallHistory;

/// <summary>Deleting records upstream: one, many, never all.</summary>
public sealed class NfonCallHistoryDeleteTests(SandboxServer server) : IClassFixture<SandboxServer>, IDisposable
{
    public void Dispose() => server.ClearFaults(Vendor);

    [Fact]
    public async Task DeleteAsync_ExistingThenAgain_ReturnsTrueThenFalse()
    {
        var id = Log(server).Current()[0].Call.Id;
        var adapter = Adapter(server);

        Assert.True(await adapter.DeleteAsync(id, CancellationToken.None));
        Assert.Null(Log(server).Find(id));
        Assert.False(await adapter.DeleteAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteManyAsync_SomeIds_RemovesExactlyThoseInChunks()
    {
        var before = Log(server).Current().Select(p => p.Call.Id).ToList();
        var doomed = before.Skip(3).Where((_, i) => i % 4 == 0).Take(7).ToList();
        var adapter = Adapter(server);
        adapter.DeleteChunkSize = 3;

        await adapter.DeleteManyAsync([.. doomed, "00000000-0000-4000-8000-000000000000", doomed[0]], CancellationToken.None);

        var after = Log(server).Current().Select(p => p.Call.Id).ToList();
        Assert.Equal(before.Except(doomed), after);
    }

    [Fact]
    public async Task DeleteManyAsync_AllAlreadyGone_Succeeds()
    {
        var id = Log(server).Current()[^1].Call.Id;
        var adapter = Adapter(server);
        await adapter.DeleteManyAsync([id], CancellationToken.None);

        await adapter.DeleteManyAsync([id], CancellationToken.None);

        Assert.Null(Log(server).Find(id));
    }

    [Fact]
    public async Task DeleteManyAsync_NoIds_SendsNoRequest()
    {
        // Any request would now fail with 401: the call succeeds only because nothing is sent.
        server.Faults.Set(Vendor, new VendorFaults { TokensRevoked = true });
        var count = Log(server).Current().Count;

        await Adapter(server).DeleteManyAsync(["", "  "], CancellationToken.None);

        Assert.Equal(count, Log(server).Current().Count);
        await Assert.ThrowsAsync<VendorException>(() => Adapter(server).DeleteManyAsync([Log(server).Current()[0].Call.Id], CancellationToken.None));
    }
}
