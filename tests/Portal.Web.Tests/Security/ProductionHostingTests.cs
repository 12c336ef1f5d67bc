using Portal.Web.Audit;
using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Security;

namespace Portal.Web.Tests.Security;

/// <summary>
/// Outside Development: cookies, HSTS and the redirect to https, on the portal's own registrations and middleware
/// (a full Production portal needs a real provider and keys; those settings are checked elsewhere).
/// </summary>
public class ProductionHostingTests
{
    [Fact]
    public void Cookies_OutsideDevelopment_AreSecureAndPrefixed()
    {
        var builder = Builder("Production");
        builder.AddPortalDatabase();
        builder.AddPortalAuthentication();
        builder.AddPortalWebSecurity();
        builder.Services.AddAntiforgery();
        using var services = builder.Services.BuildServiceProvider();

        var session = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme).Cookie;
        var antiforgery = services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie;
        var oidc = services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);

        foreach (var (cookie, name) in new[] { (session, "__Host-Portal.Session"), (antiforgery, "__Host-Portal.Antiforgery") })
        {
            Assert.Equal(name, cookie.Name);
            Assert.Equal(CookieSecurePolicy.Always, cookie.SecurePolicy);
            Assert.Equal("/", cookie.Path);
            Assert.Null(cookie.Domain);
        }
        Assert.StartsWith("__Secure-", oidc.CorrelationCookie.Name);
        Assert.Equal(CookieSecurePolicy.Always, oidc.CorrelationCookie.SecurePolicy);
        Assert.StartsWith("__Secure-", oidc.NonceCookie.Name);
        Assert.Equal(CookieSecurePolicy.Always, oidc.NonceCookie.SecurePolicy);
    }

    [Fact]
    public void Cookies_InDevelopment_StayAsTheyWereForPlainHttp()
    {
        var builder = Builder("Development");
        builder.AddPortalDatabase();
        builder.AddPortalAuthentication();
        builder.AddPortalWebSecurity();
        using var services = builder.Services.BuildServiceProvider();

        var session = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme).Cookie;

        Assert.Equal(".Portal.Session", session.Name);
        Assert.Equal(CookieSecurePolicy.SameAsRequest, session.SecurePolicy);
    }

    [Fact]
    public async Task PlainHttp_OutsideDevelopment_RedirectsToHttpsButNotHealthProbes()
    {
        await using var app = await StartAsync();
        using var http = Client(app);

        var page = await http.GetAsync("/");
        var health = await http.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, page.StatusCode);
        Assert.Equal("https", page.Headers.Location!.Scheme);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task HttpsFromTlsProxy_OutsideDevelopment_IsServedWithHsts()
    {
        await using var app = await StartAsync(("ReverseProxy:TerminatesTls", "true"));
        using var http = Client(app);

        var plain = await SendAsync(http, forwardedProto: null);
        var secure = await SendAsync(http, forwardedProto: "https");

        // The proxy redirects plain http itself; the portal trusts its forwarded scheme.
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.StartsWith("max-age=", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal("https", await secure.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string? forwardedProto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "portal.example.com"; // HSTS is never sent to localhost
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }
        return await http.SendAsync(request);
    }

    private static WebApplicationBuilder Builder(string environment, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Authentication:Authority"] = "https://login.example.com/",
            ["ConnectionStrings:Portal"] = "Data Source=:memory:",
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        return builder;
    }

    /// <summary>The portal's security middleware in front of a page that echoes the scheme and a health endpoint.</summary>
    private static async Task<WebApplication> StartAsync(params (string Key, string Value)[] settings)
    {
        var builder = Builder("Production", settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // The Blazor hub's origin check names the refused user (the sign-in's claims) in the security log.
        builder.AddAudit();
        builder.Services.AddSingleton(new PortalAuthenticationOptions());
        builder.AddPortalWebSecurity();
        builder.Services.AddHttpsRedirection(o => o.HttpsPort = 443);
        var app = builder.Build();
        app.UsePortalWebSecurity();
        app.MapGet("/", (HttpRequest request) => request.Scheme);
        app.MapGet("/health/live", () => "Healthy");
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.Urls.First()) };
}
