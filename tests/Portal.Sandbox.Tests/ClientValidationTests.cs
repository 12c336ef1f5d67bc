using System.Net;

namespace Portal.Sandbox.Tests;

public sealed class ClientValidationTests
{
    [Theory]
    [InlineData("https://evil.example/signin-oidc")]
    [InlineData("http://localhost:5555/elsewhere")]
    [InlineData("http://localhost.evil.example/signin-oidc")]
    public async Task Authorize_RedirectUriNotAllowed_IsRefusedWithoutRedirect(string redirectUri)
    {
        await using var host = await SandboxHost.StartAsync();
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new OidcFlow(client).AuthorizeUrl(redirectUri));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("invalid_request", body);
        Assert.Contains("redirect_uri", body);
    }

    [Fact]
    public async Task Authorize_RedirectUriOnServersOwnHost_GoesToLogin()
    {
        await using var host = await SandboxHost.StartAsync();
        using var client = host.CreateClient();
        var ownCallback = new Uri(host.BaseAddress, "/signin-oidc").AbsoluteUri;

        using var response = await client.GetAsync(new OidcFlow(client).AuthorizeUrl(ownCallback));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dev-oidc/login?returnUrl=", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Token_WrongClientSecret_IsRejected()
    {
        await using var host = await SandboxHost.StartAsync();
        using var client = host.CreateClient();
        var flow = new OidcFlow(client);
        var tokens = await flow.SignInAsync("admin", "admin");

        using var response = await flow.PostTokenAsync(
            new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()! },
            clientSecret: "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EndSession_LoopbackPostLogoutUri_SignsOutAndRedirectsThere()
    {
        await using var host = await SandboxHost.StartAsync();
        var cookies = new System.Net.CookieContainer();
        using var client = host.CreateClient(cookies);
        await new OidcFlow(client).SignInAsync("admin", "admin");

        using var response = await client.GetAsync(
            "/dev-oidc/connect/logout?post_logout_redirect_uri=" + Uri.EscapeDataString("http://localhost:5555/signout-callback-oidc"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost:5555/signout-callback-oidc", response.Headers.Location!.AbsoluteUri);
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name == ".Portal.DevIdentity" && !c.Expired);
    }

    [Fact]
    public async Task EndSession_ForeignPostLogoutUri_IsRefused()
    {
        await using var host = await SandboxHost.StartAsync();
        using var client = host.CreateClient();

        using var response = await client.GetAsync(
            "/dev-oidc/connect/logout?post_logout_redirect_uri=" + Uri.EscapeDataString("https://evil.example/signout-callback-oidc"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync());
    }
}
