using Microsoft.Extensions.DependencyInjection;
using Portal.Sandbox.Faults;
using Portal.Sandbox.Vendors.NfonCallHistory;
using Portal.Telephony.Connections;
using Portal.Telephony.NfonCallHistory;
using static Portal.Telephony.Tests.NfonCallHistory.NfonTestSupport;

namespace Portal.Telephony.Tests.NfonCallHistory;

/// <summary>"Login with NFON": code + PKCE against the emulator, then refresh tokens in the adapter.</summary>
public sealed class NfonCallHistoryOAuthTests(SandboxServer server) : IClassFixture<SandboxServer>, IDisposable
{
    private NfonOAuthServer OAuth => server.SandboxService<NfonOAuthServer>();

    public void Dispose() => server.ClearFaults(Vendor);

    [Fact]
    public async Task ReadSinceAsync_RefreshTokenFromLogin_ReadsEverything()
    {
        var login = await SignInAsync(server);
        var refreshGrants = OAuth.RefreshGrants;

        var pages = await ReadAllPagesAsync(Adapter(server, OAuthSettings(server, login.GetProperty("refresh_token").GetString()!)), server.Clock.UtcNow.AddDays(-30));

        Assert.Equal(Log(server).Current().Count, pages.Sum(p => p.Calls.Count));
        Assert.Equal(refreshGrants + 1, OAuth.RefreshGrants);
    }

    [Fact]
    public async Task TestConnectionAsync_AccessTokenExpiredEarly_RefreshesOnceAfter401()
    {
        var adapter = Adapter(server, OAuthSettings(server, (await SignInAsync(server)).GetProperty("refresh_token").GetString()!));
        Assert.Null(await adapter.TestConnectionAsync(CancellationToken.None));
        var (grants, rejected) = (OAuth.RefreshGrants, OAuth.RejectedRequests);

        OAuth.ExpireAccessTokens();
        var error = await adapter.TestConnectionAsync(CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(grants + 1, OAuth.RefreshGrants);
        Assert.Equal(rejected + 1, OAuth.RejectedRequests);
    }

    [Fact]
    public async Task TestConnectionAsync_AccessTokenNearExpiry_RefreshesBeforeUse()
    {
        var clock = new ManualClock(server.Clock.GetUtcNow());
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddTelephonyForLoopback();
        await using var provider = services.BuildServiceProvider();
        var settings = OAuthSettings(server, (await SignInAsync(server)).GetProperty("refresh_token").GetString()!);
        var adapter = provider.GetRequiredService<VendorAdapters>().Create(settings);
        Assert.Null(await adapter.TestConnectionAsync(CancellationToken.None));
        var (grants, rejected) = (OAuth.RefreshGrants, OAuth.RejectedRequests);

        clock.Advance(NfonCallHistorySandbox.DefaultAccessTokenLifetime - TimeSpan.FromSeconds(30));
        Assert.Null(await adapter.TestConnectionAsync(CancellationToken.None));
        Assert.Null(await adapter.TestConnectionAsync(CancellationToken.None));

        Assert.Equal(grants + 1, OAuth.RefreshGrants);
        Assert.Equal(rejected, OAuth.RejectedRequests);
    }

    [Fact]
    public async Task TestConnectionAsync_ManyAdaptersAtOnce_RefreshOnlyOnce()
    {
        var settings = OAuthSettings(server, (await SignInAsync(server)).GetProperty("refresh_token").GetString()!);
        var grants = OAuth.RefreshGrants;

        var errors = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Adapter(server, settings).TestConnectionAsync(CancellationToken.None)));

        Assert.All(errors, Assert.Null);
        Assert.Equal(grants + 1, OAuth.RefreshGrants);
    }

    [Fact]
    public async Task StreamAsync_UserLevelToken_StreamsWithTheLearnedCustomer()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var adapter = Adapter(server, OAuthSettings(server, (await SignInAsync(server)).GetProperty("refresh_token").GetString()!));
        var call = FutureCalls(server).First();
        await using var stream = adapter.StreamAsync(LastSequence(server), timeout.Token).GetAsyncEnumerator(timeout.Token);

        Log(server).Publish([call], call.EndedAtUtc);

        Assert.True(await stream.MoveNextAsync());
        Assert.Equal(call.Id, stream.Current.Call!.VendorCallId);
    }

    [Fact]
    public async Task TestConnectionAsync_RefreshTokenRevoked_ReturnsAuthenticationError()
    {
        var settings = OAuthSettings(server, (await SignInAsync(server)).GetProperty("refresh_token").GetString()!);
        server.Faults.Set(Vendor, new VendorFaults { TokensRevoked = true });

        var error = await Adapter(server, settings).TestConnectionAsync(CancellationToken.None);

        Assert.NotNull(error);
        Assert.Equal(VendorErrorKind.Authentication, error.Kind);
        Assert.Contains("invalid_grant", error.Message, StringComparison.Ordinal);
        Assert.Contains("Login with NFON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestConnectionAsync_WrongClientId_ReturnsConfigurationError()
    {
        var settings = OAuthSettings(server, (await SignInAsync(server)).GetProperty("refresh_token").GetString()!, clientId: "someone-else");

        var error = await Adapter(server, settings).TestConnectionAsync(CancellationToken.None);

        Assert.NotNull(error);
        Assert.Equal(VendorErrorKind.Configuration, error.Kind);
        Assert.Contains("someone-else", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestConnectionAsync_RefreshTokenWithoutTokenUrl_ReturnsConfigurationError()
    {
        var settings = new VendorConnectionSettings(Vendor, BaseUrl(server), new Dictionary<string, string> { [VendorSecrets.RefreshToken] = "x" });

        var error = await Adapter(server, settings).TestConnectionAsync(CancellationToken.None);

        Assert.NotNull(error);
        Assert.Equal(VendorErrorKind.Configuration, error.Kind);
        Assert.Contains(VendorSecrets.TokenUrl, error.Message, StringComparison.Ordinal);
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
