using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Portal.Web.Audit;
using Portal.Web.Hosting;

namespace Portal.Web.Security;

public static class WebSecurityExtensions
{
    public const string AntiforgeryCookieName = "Portal.Antiforgery";

    /// <summary>Forwarded headers from the configured proxies, the antiforgery cookie, the security headers.
    /// A proxy address or network that does not parse stops the start with the setting's name.</summary>
    public static IHostApplicationBuilder AddPortalWebSecurity(this IHostApplicationBuilder builder)
    {
        var proxy = builder.Configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>() ?? new();
        var knownProxies = proxy.ParseKnownProxies();
        var knownNetworks = proxy.ParseKnownNetworks();
        proxy.ParseAllowedOrigins();
        builder.Services.AddSingleton(proxy);

        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                | (proxy.ForwardHost ? ForwardedHeaders.XForwardedHost : ForwardedHeaders.None);
            // Configured proxies replace the default (loopback only, i.e. a proxy on the same machine).
            if (knownProxies.Count > 0 || knownNetworks.Count > 0)
            {
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
                foreach (var address in knownProxies)
                {
                    forwarded.KnownProxies.Add(address);
                }
                foreach (var network in knownNetworks)
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
            }
        });

        var developmentOrDemo = SandboxHosting.IsDevelopmentOrDemo(builder.Configuration, builder.Environment);
        builder.Services.Configure<AntiforgeryOptions>(antiforgery => SecureCookies.ForWholeSite(antiforgery.Cookie, AntiforgeryCookieName, developmentOrDemo));
        builder.Services.AddSingleton<SecurityHeaders>();
        // Answers the refusals the audit core has logged (RefusalLoggingResultHandler).
        builder.Services.AddKeyedSingleton<IAuthorizationMiddlewareResultHandler, StatusCodesForFetchResultHandler>(RefusalLoggingResultHandler.AnswerKey);
        return builder;
    }

    /// <summary>
    /// First in the pipeline: forwarded headers, security headers, the Blazor hub's origin check; in a real deployment
    /// (not Development, not a demo) HSTS, and a redirect to https unless the proxy terminates TLS (health probes stay on http).
    /// </summary>
    public static WebApplication UsePortalWebSecurity(this WebApplication app)
    {
        var proxy = app.Services.GetRequiredService<ReverseProxyOptions>();
        app.UseForwardedHeaders();
        var headers = app.Services.GetRequiredService<SecurityHeaders>();
        app.Use(headers.InvokeAsync);
        app.UseBlazorHubOriginCheck(proxy.ParseAllowedOrigins());
        if (!SandboxHosting.IsDevelopmentOrDemo(app.Configuration, app.Environment))
        {
            app.UseHsts();
            if (!proxy.TerminatesTls)
            {
                app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health"), https => https.UseHttpsRedirection());
            }
        }
        return app;
    }
}
