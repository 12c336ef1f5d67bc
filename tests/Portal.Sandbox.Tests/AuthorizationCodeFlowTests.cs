using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Portal.Sandbox.Tests;

public sealed class AuthorizationCodeFlowTests
{
    [Fact]
    public async Task AuthorizationCodeFlow_TeamleadWithPkce_IdTokenCarriesNameRoleAndTeam()
    {
        await using var host = await SandboxHost.StartAsync();
        using var client = host.CreateClient();

        var tokens = await new OidcFlow(client).SignInAsync("teamlead", "teamlead");

        var idToken = Jwt.Payload(tokens.GetProperty("id_token").GetString()!);
        Assert.Equal("dev-teamlead", idToken.GetProperty("sub").GetString());
        Assert.Equal("Taylor Teamlead", idToken.GetProperty("name").GetString());
        Assert.Equal("teamlead", idToken.GetProperty("preferred_username").GetString());
        Assert.Equal("teamlead@portal.example", idToken.GetProperty("email").GetString());
        Assert.Equal(["Supervisor"], Jwt.Values(idToken, "role"));
        Assert.Equal(["support"], Jwt.Values(idToken, "team"));
        Assert.Equal("nonce-456", idToken.GetProperty("nonce").GetString());

        var accessToken = Jwt.Payload(tokens.GetProperty("access_token").GetString()!);
        Assert.Equal(["Supervisor"], Jwt.Values(accessToken, "role"));
        Assert.Equal(["support"], Jwt.Values(accessToken, "team"));
        Assert.True(tokens.TryGetProperty("refresh_token", out _));
    }

    [Fact]
    public async Task AuthorizationCodeFlow_Guest_TokensCarryNoRoleAndNoTeam()
    {
        await using var host = await SandboxHost.StartAsync();
        using var client = host.CreateClient();

        var tokens = await new OidcFlow(client).SignInAsync("guest", "guest");

        var idToken = Jwt.Payload(tokens.GetProperty("id_token").GetString()!);
        Assert.Equal("Gale Guest", idToken.GetProperty("name").GetString());
        Assert.Empty(Jwt.Values(idToken, "role"));
        Assert.Empty(Jwt.Values(idToken, "team"));
    }

    [Fact]
    public async Task UserInfo_WithAccessToken_ReturnsProfileAndRoles()
    {
        await using var host = await SandboxHost.StartAsync();
        using var client = host.CreateClient();
        var tokens = await new OidcFlow(client).SignInAsync("admin", "admin");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/dev-oidc/connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("dev-admin", document.RootElement.GetProperty("sub").GetString());
        Assert.Equal(["Admin"], Jwt.Values(document.RootElement, "role"));
    }

    [Fact]
    public async Task Authorize_SignedInWithPromptLogin_ShowsLoginFormAgain()
    {
        await using var host = await SandboxHost.StartAsync();
        using var client = host.CreateClient();
        var flow = new OidcFlow(client);
        await flow.SignInAsync("admin", "admin");

        using var response = await client.GetAsync(flow.AuthorizeUrl(prompt: "login"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/dev-oidc/login?returnUrl=", location);
        Assert.DoesNotContain("prompt", Uri.UnescapeDataString(location));
    }
}
