using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Portal.Web.Security;

namespace Portal.Web.Tests.Security;

/// <summary>A TLS proxy forwards X-Forwarded-Proto: https; the test client (on loopback) plays the proxy.</summary>
public class ForwardedHeadersTests
{
    public static TheoryData<string, string> TrustedProxySettings => new()
    {
        { "ReverseProxy:KnownProxies:0", "127.0.0.1" },
        { "ReverseProxy:KnownNetworks:0", "127.0.0.0/8" },
    };

    [Theory]
    [MemberData(nameof(TrustedProxySettings))]
    public async Task SignIn_HttpsForwardedByKnownProxy_UsesSecureCookiesAndHttpsRedirectUri(string key, string value)
    {
        using var portal = PortalAppFactory.With(new() { [key] = value, [key.Replace(":0", ":1")] = value.Contains('/') ? "::1/128" : "::1" });

        var challenge = await ChallengeThroughProxyAsync(portal);

        AssertSignInUses(challenge, "https", secureCookies: true);
    }

    [Fact]
    public async Task SignIn_HttpsForwardedByUnknownAddress_IsIgnored()
    {
        using var portal = PortalAppFactory.With(new() { ["ReverseProxy:KnownProxies:0"] = "10.20.30.40" });

        var challenge = await ChallengeThroughProxyAsync(portal);

        AssertSignInUses(challenge, "http", secureCookies: false);
    }

    [Theory]
    [InlineData("KnownProxies", "10.0.0.300")]
    [InlineData("KnownNetworks", "10.0.0.0/33")]
    [InlineData("AllowedOrigins", "https://portal.example.com/app")]
    public void Start_BadProxySetting_StopsNamingTheSetting(string setting, string value)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"ReverseProxy:{setting}:0"] = value });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddPortalWebSecurity());

        Assert.Contains($"ReverseProxy:{setting}", error.Message);
        Assert.Contains(value, error.Message);
    }

    private static void AssertSignInUses(HttpResponseMessage challenge, string scheme, bool secureCookies)
    {
        Assert.Contains($"redirect_uri={scheme}%3A%2F%2F", challenge.Headers.Location!.Query);
        var cookies = challenge.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => Assert.Equal(secureCookies, cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>An anonymous visit: the portal sends the browser to the provider and sets its correlation cookies.</summary>
    private static async Task<HttpResponseMessage> ChallengeThroughProxyAsync(PortalAppFactory portal)
    {
        using var client = portal.CreatePortalClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var response = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }
}
