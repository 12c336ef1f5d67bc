using System.Net;

namespace Portal.Web.Tests.Auth;

public class SignInTests(PortalAppFactory portal) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task Home_Anonymous_RedirectsToProviderWithPkce()
    {
        using var client = portal.CreatePortalClient();

        var response = await client.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(new Uri(portal.BaseAddress, "/dev-oidc/connect/authorize").ToString(), location);
        Assert.Contains("code_challenge=", location);
        Assert.Contains("code_challenge_method=S256", location);
        Assert.Contains("response_type=code", location);
    }

    [Fact]
    public async Task SignIn_Supervisor_ShowsShellWithUserName()
    {
        using var client = portal.CreatePortalClient();

        var page = await client.SignInAsync("supervisor", "supervisor");

        var html = await PortalClient.ReadOkHtmlAsync(page);
        Assert.Equal("/", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Sam Supervisor", html);
        Assert.Contains("data-testid=\"user-menu\"", html);
    }

    [Fact]
    public async Task SignIn_Guest_ShowsNoAccessPage()
    {
        using var client = portal.CreatePortalClient();

        var page = await client.SignInAsync("guest", "guest");

        var html = await PortalClient.ReadOkHtmlAsync(page);
        Assert.Equal("/no-access", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("You have no access", html);
        Assert.Contains("Gale Guest", html);
        Assert.DoesNotContain("Connected vendors", html);
    }

    [Fact]
    public async Task AuditLog_Supervisor_IsRefused()
    {
        using var client = portal.CreatePortalClient();
        await client.SignInAsync("supervisor", "supervisor");

        var response = await client.Http.GetAsync("/audit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/no-access", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task AuditLog_Admin_IsShown()
    {
        using var client = portal.CreatePortalClient();
        await client.SignInAsync("admin", "admin");

        var response = await client.Http.GetAsync("/audit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Audit log", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignOut_SignedIn_EndsPortalAndProviderSessions()
    {
        using var client = portal.CreatePortalClient();
        await client.SignInAsync("supervisor", "supervisor");
        // The sign-out form (in the user menu, and on this page) carries an antiforgery token.
        var withForm = await client.Http.GetAsync("/no-access");
        var token = PortalClient.ReadForm(await PortalClient.ReadOkHtmlAsync(withForm))["__RequestVerificationToken"];

        var signedOut = await client.Http.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["returnUrl"] = "https://evil.example/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/dev-oidc/connect/logout", signedOut.Headers.Location!.ToString());
        var afterProvider = await client.GetFollowingAsync(signedOut.Headers.Location!.ToString());

        // Back on the portal, signed out at both ends: the next visit asks for credentials again.
        Assert.Contains("Portal development sign-in", await afterProvider.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = portal.CreatePortalClient();
        await client.SignInAsync("supervisor", "supervisor");

        var response = await client.Http.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
