using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Tests.Features.Sync;

namespace Portal.Web.Tests.Features.Shell;

/// <summary>The sandbox and the development sign-in (published passwords) exist only in Development, or in an explicit demo.</summary>
public class SandboxHostingTests
{
    [Fact]
    public void Start_ProductionWithoutAuthority_IsRefusedNamingTheSettings()
    {
        var refusal = ProductionStart.Refusal(ProductionStart.Settings(("Authentication:Authority", null)));

        Assert.Contains("Authentication:Authority is not set", refusal.Message);
        Assert.Contains("Authentication:ClientSecret", refusal.Message);
        Assert.Contains("Sandbox:AllowOutsideDevelopment=true", refusal.Message);
    }

    [Fact]
    public void Start_ProductionWithPublishedClientSecret_IsRefused()
    {
        var refusal = ProductionStart.Refusal(ProductionStart.Settings(("Authentication:ClientSecret", "portal-dev-secret")));

        Assert.Contains("Authentication:ClientSecret is the published development secret", refusal.Message);
    }

    [Fact]
    public void Start_ProductionWithSandboxButNoAllowFlag_IsRefusedNamingBothSettings()
    {
        var refusal = ProductionStart.Refusal(ProductionStart.Settings(("Sandbox:Enabled", "true")));

        Assert.Contains("Sandbox:Enabled=true in the Production environment also needs Sandbox:AllowOutsideDevelopment=true", refusal.Message);
    }

    [Fact]
    public async Task Start_ProductionWithAuthority_ServesNoSandboxEndpoints()
    {
        await using var provider = await SyncEnvironment.StartAsync();
        using var portal = PortalAppFactory.With(ProductionStart.Settings(
            ("Authentication:Authority", provider.SandboxAddress.ToString()),
            ("Authentication:RequireHttpsMetadata", "false")), ProductionStart.Environment);
        using var client = portal.CreatePortalClient();

        var routes = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>().Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/')).ToList();
        Assert.DoesNotContain(routes, r => r.StartsWith("/dev-oidc", StringComparison.Ordinal) || r.StartsWith("/sandbox", StringComparison.Ordinal)
            || r.StartsWith("/webfones", StringComparison.Ordinal) || r.StartsWith("/.well-known", StringComparison.Ordinal));
        var requests = new[]
        {
            new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration"),
            new HttpRequestMessage(HttpMethod.Get, "/dev-oidc/login?returnUrl=%2Fdev-oidc%2Fconnect%2Fauthorize"),
            new HttpRequestMessage(HttpMethod.Get, "/dev-oidc/connect/authorize?client_id=portal&response_type=code"),
            new HttpRequestMessage(HttpMethod.Get, "/connect/authorize?client_id=portal&response_type=code"),
            new HttpRequestMessage(HttpMethod.Put, "/sandbox/faults/WebFones") { Content = new StringContent("""{"errorRate":1}""", null, "application/json") },
            new HttpRequestMessage(HttpMethod.Get, "/webfones/v3/calls"),
        };
        foreach (var request in requests)
        {
            using var response = await client.Http.SendAsync(request);

            // Not found, or the sign-in at the configured provider: never served by the portal itself.
            var location = response.Headers.Location?.ToString() ?? "";
            Assert.True(response.StatusCode == HttpStatusCode.NotFound
                || (response.StatusCode == HttpStatusCode.Redirect && location.StartsWith(provider.SandboxAddress.ToString(), StringComparison.Ordinal)),
                $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode} {location}");
        }
    }

    [Fact]
    public async Task LoginPage_DemoOutsideDevelopment_ShowsDemoBanner()
    {
        using var portal = PortalAppFactory.With(new()
        {
            ["Sandbox:Enabled"] = "true",
            ["Sandbox:AllowOutsideDevelopment"] = "true",
        }, ProductionStart.Environment);
        using var client = portal.CreatePortalClient();

        var loginPage = await client.GetFollowingAsync("/");

        var html = await PortalClient.ReadOkHtmlAsync(loginPage);
        Assert.Contains("data-testid=\"demo-banner\"", html);
        Assert.Contains("This is a demo, not for real data.", html);
        Assert.Contains("Do not enter or upload real data", html);
    }

    [Fact]
    public async Task SignIn_DemoOutsideDevelopmentOverPlainHttp_Works()
    {
        using var portal = PortalAppFactory.With(new()
        {
            ["Sandbox:Enabled"] = "true",
            ["Sandbox:AllowOutsideDevelopment"] = "true",
        }, ProductionStart.Environment);
        using var client = portal.CreatePortalClient();

        var home = await client.SignInAsync("admin", "admin");

        Assert.Contains("Alex Admin", await PortalClient.ReadOkHtmlAsync(home));
    }

    [Fact]
    public async Task LoginPage_Development_ShowsNoDemoBanner()
    {
        using var portal = new PortalAppFactory();
        using var client = portal.CreatePortalClient();

        var loginPage = await client.GetFollowingAsync("/");

        var html = await PortalClient.ReadOkHtmlAsync(loginPage);
        Assert.Contains("Portal development sign-in", html);
        Assert.DoesNotContain("demo-banner", html);
    }
}
