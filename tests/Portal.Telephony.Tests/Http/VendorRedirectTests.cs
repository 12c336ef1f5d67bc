using Microsoft.AspNetCore.Http;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests.Http;

/// <summary>
/// A vendor that answers every request with a 307 to another loopback server (another port: another host): the
/// adapter reports the redirect in words and the other server never sees a request, so no secret header (x-api-key,
/// Org-Handle, Authorization) and no body (the NFON CTI login, an OAuth refresh token) reaches it.
/// </summary>
public sealed class VendorRedirectTests : IAsyncLifetime
{
    private LoopbackServer _vendor = default!;
    private LoopbackServer _elsewhere = default!;

    public async Task InitializeAsync()
    {
        _elsewhere = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("{}"));
        _vendor = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = new Uri(_elsewhere.BaseAddress, context.Request.Path + context.Request.QueryString).AbsoluteUri;
            return Task.CompletedTask;
        });
    }

    public static TheoryData<string> Vendors => ["WebFones", "Unpod", "Cinnox", "NfonCti", "NfonCallHistory", "NfonCallHistory OAuth"];

    [Theory]
    [MemberData(nameof(Vendors))]
    public async Task TestConnectionAsync_VendorRedirectsToAnotherHost_SaysSoAndSendsNothingThere(string vendor)
    {
        var error = await LoopbackTelephony.Adapter(Settings(vendor)).TestConnectionAsync(CancellationToken.None);

        Assert.NotNull(error);
        Assert.Equal(VendorErrorKind.Configuration, error.Kind);
        Assert.Equal(307, error.StatusCode);
        Assert.StartsWith($"{_vendor.BaseAddress.Authority} answered with a redirect (307) to http://{_elsewhere.BaseAddress.Authority}/", error.Message);
        Assert.EndsWith("redirects are not followed: fix the base URL.", error.Message);
        Assert.NotEmpty(_vendor.Received);
        Assert.Empty(_elsewhere.Received);
    }

    [Fact]
    public async Task TestConnectionAsync_NfonCtiLoginRedirected_TheLoginBodyGoesOnlyToTheVendor()
    {
        await LoopbackTelephony.Adapter(Settings("NfonCti")).TestConnectionAsync(CancellationToken.None);

        var login = Assert.Single(_vendor.Received);
        Assert.Equal("POST", login.Method);
        Assert.Contains("secret-password", login.Body);
        Assert.Empty(_elsewhere.Received);
    }

    private VendorConnectionSettings Settings(string vendor) => vendor switch
    {
        "WebFones" => new(VendorKind.WebFones, _vendor.Url("/webfones"), new Dictionary<string, string> { [VendorSecrets.ApiKey] = "secret-api-key" }),
        "Unpod" => new(VendorKind.Unpod, _vendor.Url("/unpod"),
            new Dictionary<string, string> { [VendorSecrets.Token] = "secret-token", [VendorSecrets.OrgHandle] = "secret-org" }),
        "Cinnox" => new(VendorKind.Cinnox, _vendor.Url("/cinnox"),
            new Dictionary<string, string> { [VendorSecrets.AppId] = "app", [VendorSecrets.AppToken] = "secret-app-token" }),
        "NfonCti" => new(VendorKind.NfonCti, _vendor.Url("/nfon-cti/v1"),
            new Dictionary<string, string> { [VendorSecrets.Username] = "user", [VendorSecrets.Password] = "secret-password" }),
        "NfonCallHistory" => new(VendorKind.NfonCallHistory, _vendor.Url("/nfon-call-history"),
            new Dictionary<string, string> { [VendorSecrets.AccessToken] = "secret-access-token" }),
        _ => new(VendorKind.NfonCallHistory, _vendor.Url("/nfon-call-history"), new Dictionary<string, string>
        {
            [VendorSecrets.RefreshToken] = "secret-refresh-token",
            [VendorSecrets.TokenUrl] = _vendor.Url("/oauth/token").AbsoluteUri,
            [VendorSecrets.ClientId] = "portal",
        }),
    };

    public async Task DisposeAsync()
    {
        await _vendor.DisposeAsync();
        await _elsewhere.DisposeAsync();
    }
}
