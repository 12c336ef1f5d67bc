using System.Text.Json;

namespace Portal.Sandbox.Tests;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task Discovery_DefaultDocument_NamesProviderEndpointsOnRequestHost()
    {
        await using var host = await SandboxHost.StartAsync();
        using var client = host.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/.well-known/openid-configuration"));
        var root = document.RootElement;

        var origin = host.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.Equal(origin + "/", root.GetProperty("issuer").GetString());
        Assert.Equal(origin + "/dev-oidc/connect/authorize", root.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(origin + "/dev-oidc/connect/token", root.GetProperty("token_endpoint").GetString());
        Assert.Equal(origin + "/dev-oidc/connect/logout", root.GetProperty("end_session_endpoint").GetString());
        Assert.Equal(origin + "/dev-oidc/connect/userinfo", root.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal(["S256"], root.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("offline_access", root.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
    }
}
