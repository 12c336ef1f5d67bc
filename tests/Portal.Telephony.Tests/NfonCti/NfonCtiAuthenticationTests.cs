using Portal.Sandbox.Faults;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests.NfonCti;

public sealed class NfonCtiAuthenticationTests(NfonCtiFixture fixture) : IClassFixture<NfonCtiFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.Server.ClearFaults(VendorKind.NfonCti);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TestConnectionAsync_SandboxCredentials_SignsInAndReturnsNull()
    {
        var logins = fixture.Tokens.Logins;

        var error = await fixture.Adapter<IExtensionDirectory>().TestConnectionAsync(CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(logins + 1, fixture.Tokens.Logins);
    }

    [Fact]
    public async Task TestConnectionAsync_WrongPassword_ReturnsAuthenticationErrorInWords()
    {
        var error = await fixture.Adapter<IExtensionDirectory>(password: "wrong").TestConnectionAsync(CancellationToken.None);

        Assert.NotNull(error);
        Assert.Equal(VendorErrorKind.Authentication, error.Kind);
        Assert.Equal(VendorKind.NfonCti, error.Vendor);
        Assert.Equal(401, error.StatusCode);
        Assert.Equal("NFON CTI rejected the username or password (401).", error.Message);
    }

    [Fact]
    public async Task ListExtensionsAsync_WrongPassword_ThrowsAuthenticationError()
    {
        var adapter = fixture.Adapter<IExtensionDirectory>(password: "also wrong");

        var thrown = await Assert.ThrowsAsync<VendorException>(() => adapter.ListExtensionsAsync(CancellationToken.None));

        Assert.Equal(VendorErrorKind.Authentication, thrown.Error.Kind);
        Assert.Equal("NFON CTI rejected the username or password (401).", thrown.Error.Message);
    }

    [Fact]
    public async Task ListExtensionsAsync_TokenDueForRenewal_FiftyConcurrentCallersCauseExactlyOneRefresh()
    {
        var clock = new ManualClock(fixture.Server.Clock.GetUtcNow());
        var (adapter, services) = fixture.AdapterWithClock<IExtensionDirectory>(clock);
        await using var _ = services;
        Assert.Null(await adapter.TestConnectionAsync(CancellationToken.None));
        var (logins, refreshes) = (fixture.Tokens.Logins, fixture.Tokens.Refreshes);

        clock.Advance(TimeSpan.FromSeconds(8.5)); // past 80 % of the 10 s lifetime, not yet expired
        var lists = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => adapter.ListExtensionsAsync(CancellationToken.None))));

        Assert.All(lists, list => Assert.Equal(16, list.Count));
        Assert.Equal(refreshes + 1, fixture.Tokens.Refreshes);
        Assert.Equal(logins, fixture.Tokens.Logins);
    }

    [Fact]
    public async Task ListExtensionsAsync_TokenFresh_FiftyConcurrentCallersCauseNoRenewal()
    {
        var clock = new ManualClock(fixture.Server.Clock.GetUtcNow());
        var (adapter, services) = fixture.AdapterWithClock<IExtensionDirectory>(clock);
        await using var _ = services;
        Assert.Null(await adapter.TestConnectionAsync(CancellationToken.None));
        var (logins, refreshes) = (fixture.Tokens.Logins, fixture.Tokens.Refreshes);

        clock.Advance(TimeSpan.FromSeconds(7.5)); // before 80 % of the lifetime
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => adapter.ListExtensionsAsync(CancellationToken.None))));

        Assert.Equal((logins, refreshes), (fixture.Tokens.Logins, fixture.Tokens.Refreshes));
    }

    [Fact]
    public async Task ListExtensionsAsync_AccessTokenExpiredAtVendor_FiftyConcurrentCallersRenewOnceAndRetry()
    {
        var clock = new ManualClock(fixture.Server.Clock.GetUtcNow());
        var (adapter, services) = fixture.AdapterWithClock<IExtensionDirectory>(clock);
        await using var _ = services;
        Assert.Null(await adapter.TestConnectionAsync(CancellationToken.None));
        var (logins, refreshes) = (fixture.Tokens.Logins, fixture.Tokens.Refreshes);

        fixture.Tokens.ExpireAccessTokens(); // the vendor answers 401 although the token should still live
        var lists = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => adapter.ListExtensionsAsync(CancellationToken.None))));

        Assert.All(lists, list => Assert.Equal(16, list.Count));
        Assert.Equal(refreshes + 1, fixture.Tokens.Refreshes);
        Assert.Equal(logins, fixture.Tokens.Logins);
    }

    [Fact]
    public async Task ListExtensionsAsync_RefreshTokenRefused_SignsInAgainAndRetries()
    {
        var clock = new ManualClock(fixture.Server.Clock.GetUtcNow());
        var (adapter, services) = fixture.AdapterWithClock<IExtensionDirectory>(clock);
        await using var _ = services;
        Assert.Null(await adapter.TestConnectionAsync(CancellationToken.None));
        var (logins, refreshes) = (fixture.Tokens.Logins, fixture.Tokens.Refreshes);

        fixture.Tokens.ExpireAccessTokens();
        fixture.Tokens.ExpireRefreshTokens();
        var extensions = await adapter.ListExtensionsAsync(CancellationToken.None);

        Assert.Equal(16, extensions.Count);
        Assert.Equal(logins + 1, fixture.Tokens.Logins);
        Assert.Equal(refreshes, fixture.Tokens.Refreshes);
    }

    [Fact]
    public async Task ListExtensionsAsync_TokensRevoked_ThrowsAuthenticationError()
    {
        var adapter = fixture.Adapter<IExtensionDirectory>();
        await adapter.ListExtensionsAsync(CancellationToken.None);
        fixture.Server.Faults.Set(VendorKind.NfonCti, new VendorFaults { TokensRevoked = true });

        var thrown = await Assert.ThrowsAsync<VendorException>(() => adapter.ListExtensionsAsync(CancellationToken.None));

        Assert.Equal(VendorErrorKind.Authentication, thrown.Error.Kind);
        Assert.Contains("(401)", thrown.Error.Message, StringComparison.Ordinal);
    }
}
