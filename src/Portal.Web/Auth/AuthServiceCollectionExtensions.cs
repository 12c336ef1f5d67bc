using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Portal.Web.Hosting;
using Portal.Web.Security;

namespace Portal.Web.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>Cookie sessions from an OpenID Connect sign-in (authorization code + PKCE), and the portal's policies.</summary>
    public static IHostApplicationBuilder AddPortalAuthentication(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = ValidatedOptions.Get(builder.Configuration, PortalAuthenticationOptions.Section,
            new PortalAuthenticationOptionsValidator(builder.Configuration, builder.Environment));
        services.AddSingleton(options);
        services.AddSingleton<OidcTokenRefresher>();
        services.AddSingleton<UserSessions>();
        services.AddSingleton<SessionCookieEvents>();
        var developmentOrDemo = SandboxHosting.IsDevelopmentOrDemo(builder.Configuration, builder.Environment);

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
            {
                cookie.Cookie.Name = ".Portal.Session";
                SecureCookies.ForWholeSite(cookie.Cookie, "Portal.Session", developmentOrDemo);
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.HttpOnly = true;
                cookie.AccessDeniedPath = "/no-access";
                cookie.ExpireTimeSpan = TimeSpan.FromHours(10);
                cookie.SlidingExpiration = true;
            })
            .AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, oidc =>
            {
                oidc.Authority = string.IsNullOrWhiteSpace(options.Authority) ? null : options.Authority;
                oidc.RequireHttpsMetadata = options.RequireHttpsMetadata;
                oidc.ClientId = options.ClientId;
                oidc.ClientSecret = options.ClientSecret;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                oidc.ResponseMode = OpenIdConnectResponseMode.Query;
                oidc.UsePkce = true;
                oidc.SaveTokens = true;
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = false;
                oidc.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "email", "roles", "offline_access" })
                {
                    oidc.Scope.Add(scope);
                }
                oidc.TokenValidationParameters.NameClaimType = options.NameClaim;
                oidc.TokenValidationParameters.RoleClaimType = options.RoleClaim;
                // The provider's redirect back is a top-level navigation: Lax cookies arrive. Outside Development
                // always Secure (behind a TLS proxy the forwarded scheme makes the request https); in Development
                // Secure when the portal is served over https.
                oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
                oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                SecureCookies.ForOwnPath(oidc.CorrelationCookie, "Portal.Correlation.", developmentOrDemo);
                oidc.NonceCookie.SameSite = SameSiteMode.Lax;
                oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                SecureCookies.ForOwnPath(oidc.NonceCookie, "Portal.Nonce.", developmentOrDemo);
            });

        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<SessionCookieEvents>((cookie, events) => events.Attach(cookie.Events));
        if (string.IsNullOrWhiteSpace(options.Authority) && SandboxHosting.IsSandboxEnabled(builder.Configuration, builder.Environment))
        {
            services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, DevelopmentAuthority>();
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PortalPolicies.Admin, p => p.RequireRole(PortalRoles.Admin))
            .AddPolicy(PortalPolicies.Viewer, p => p.RequireRole(PortalRoles.Admin, PortalRoles.Supervisor));
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationState>();
        services.AddScoped<CurrentUserAccessor>();
        return builder;
    }
}
