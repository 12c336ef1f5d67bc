using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Sandbox.Tests;

/// <summary>The provider mapped inside a host shaped like the portal's: its own default cookie scheme,
/// a fallback policy requiring a signed-in user, and the antiforgery middleware.</summary>
public sealed class EmbeddedHostTests
{
    [Fact]
    public async Task AuthorizationCodeFlow_InHostWithFallbackPolicyAndAntiforgery_Succeeds()
    {
        await using var host = await SandboxHost.StartAsync(BuildPortalLikeHost);
        using var client = host.CreateClient();

        using (var home = await client.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.Redirect, home.StatusCode); // the host's own scheme challenges
            Assert.StartsWith("/host-login", home.Headers.Location!.AbsolutePath);
        }

        var tokens = await new OidcFlow(client).SignInAsync("admin", "admin");

        Assert.Equal(["Admin"], Jwt.Values(Jwt.Payload(tokens.GetProperty("id_token").GetString()!), "role"));
        using var discovery = await client.GetAsync("/.well-known/openid-configuration");
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
    }

    private static WebApplication BuildPortalLikeHost(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options => options.LoginPath = "/host-login");
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddAntiforgery();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSandbox(builder.Configuration);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapGet("/", () => Results.Text("home"));
        app.MapSandbox();
        return app;
    }
}
