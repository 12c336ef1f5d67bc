using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Portal.Web.Security;

namespace Portal.Web.Tests.Security;

public partial class SecurityHeadersTests(PortalAppFactory portal) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task Page_SignedIn_SendsPolicyThatAllowsOnlyOwnScriptsAndItsImportMap()
    {
        using var client = portal.CreatePortalClient();

        var page = await client.SignInAsync("supervisor", "supervisor");

        var html = await PortalClient.ReadOkHtmlAsync(page);
        var policy = AssertSecurityHeaders(page);
        var importMap = ImportMap().Match(html);
        Assert.True(importMap.Success, "The page renders no import map");
        Assert.Contains($"script-src 'self' {SecurityHeaders.ScriptHash(importMap.Groups[1].Value)};", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", policy);
        Assert.Contains("style-src 'self' 'unsafe-inline';", policy);
        Assert.Contains("img-src 'self' data:;", policy);
        Assert.Contains("connect-src 'self';", policy);
        Assert.Contains("object-src 'none';", policy);
        Assert.Contains("base-uri 'self';", policy);
        Assert.Contains("frame-ancestors 'none';", policy);
        // The logout POST is redirected to the provider (here the development provider on the portal's own address).
        Assert.EndsWith($"form-action 'self' {portal.BaseAddress.GetLeftPart(UriPartial.Authority)}", policy);
        // One policy only: Blazor's own frame-ancestors policy is switched off.
        Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
    }

    [Fact]
    public async Task LoginPage_Anonymous_SendsSecurityHeaders()
    {
        using var client = portal.CreatePortalClient();

        var login = await client.GetFollowingAsync("/");

        Assert.Contains("Portal development sign-in", await PortalClient.ReadOkHtmlAsync(login));
        var policy = AssertSecurityHeaders(login);
        Assert.StartsWith("default-src 'self'; script-src 'self';", policy);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/app.css")]
    [InlineData("/not-a-page")]
    public async Task EndpointsAndFiles_Anonymous_SendSecurityHeaders(string path)
    {
        using var client = portal.CreatePortalClient();

        var response = await client.Http.GetAsync(path);

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    private static string AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Single(response.Headers, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Single(response.Headers, "Referrer-Policy"));
        var policy = Single(response.Headers, "Content-Security-Policy");
        Assert.StartsWith("default-src 'self'; script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        return policy;
    }

    private static string Single(HttpResponseHeaders headers, string name) =>
        Assert.Single(headers.TryGetValues(name, out var values) ? values : []);

    [GeneratedRegex("""<script type="importmap">(.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex ImportMap();
}
