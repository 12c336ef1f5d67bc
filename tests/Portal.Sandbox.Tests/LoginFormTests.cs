using System.Net;

namespace Portal.Sandbox.Tests;

public sealed class LoginFormTests
{
    private const string LoginCookie = ".Portal.DevIdentity";

    [Fact]
    public async Task Login_WrongPassword_ShowsErrorKeepsUsernameAndIssuesNoCookie()
    {
        await using var host = await SandboxHost.StartAsync();
        var cookies = new CookieContainer();
        using var client = host.CreateClient(cookies);

        using var response = await new OidcFlow(client).StartAndSubmitLoginAsync("teamlead", "not-the-password");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Portal development sign-in</title>", html);
        Assert.Contains("Unknown user or wrong password.", html);
        Assert.Contains("""name="username" type="text" autocomplete="username" autofocus required value="teamlead">""", html);
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name == LoginCookie);
    }

    [Fact]
    public async Task Login_ReturnUrlToAnotherSite_IsRefusedWithoutSignIn()
    {
        await using var host = await SandboxHost.StartAsync();
        var cookies = new CookieContainer();
        using var client = host.CreateClient(cookies);

        using var response = await new OidcFlow(client).StartAndSubmitLoginAsync(
            "admin", "admin", returnUrlOverride: "https://evil.example/dev-oidc/connect/authorize");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name == LoginCookie);
    }

    [Theory]
    [InlineData("//evil.example/dev-oidc/connect/authorize")]
    [InlineData("/dev-oidc/connect/authorizeX")]
    [InlineData("/somewhere-else")]
    public async Task LoginPage_ReturnUrlOutsideAuthorizeEndpoint_IsRefused(string returnUrl)
    {
        await using var host = await SandboxHost.StartAsync();
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/dev-oidc/login?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("name=\"password\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_MissingAntiforgeryToken_IsRejected()
    {
        await using var host = await SandboxHost.StartAsync();
        var cookies = new CookieContainer();
        using var client = host.CreateClient(cookies);

        using var response = await client.PostAsync("/dev-oidc/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = "/dev-oidc/connect/authorize?client_id=portal",
            ["username"] = "admin",
            ["password"] = "admin",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name == LoginCookie);
    }
}
