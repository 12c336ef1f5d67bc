using System.Net;

namespace Portal.Web.Tests.Auth;

public class TokenRefreshTests
{
    [Fact]
    public async Task Request_AccessTokenAboutToExpire_RefreshesSession()
    {
        // Tokens that live less than the refresh margin: every request refreshes them at the provider.
        using var portal = PortalAppFactory.With(new() { ["Sandbox:Identity:AccessTokenLifetime"] = "00:02:00" });
        using var client = portal.CreatePortalClient();
        await client.SignInAsync("supervisor", "supervisor");

        var response = await client.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".Portal.Session", StringComparison.Ordinal));
        Assert.Contains("Sam Supervisor", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_AccessTokenFresh_KeepsSessionCookie()
    {
        using var portal = new PortalAppFactory();
        using var client = portal.CreatePortalClient();
        await client.SignInAsync("supervisor", "supervisor");

        var response = await client.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".Portal.Session", StringComparison.Ordinal)));
    }
}
