using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Portal.Sandbox.Identity;

internal static class DevIdentityServices
{
    /// <summary>OpenIddict server in degraded mode (no database, self-contained tokens) plus the provider's own
    /// login cookie scheme. No default scheme is set: the host keeps its own.</summary>
    public static IServiceCollection AddDevIdentity(this IServiceCollection services)
    {
        services.AddAntiforgery();
        services.AddAuthentication().AddCookie(DevIdentityDefaults.LoginScheme, cookie =>
        {
            cookie.Cookie.Name = DevIdentityDefaults.LoginCookieName;
            cookie.Cookie.Path = DevIdentityDefaults.BasePath;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<OpenIddictServerOptions>, DevServerOptionsSetup>());
        services.AddOpenIddict().AddServer(server =>
        {
            // No issuer: OpenIddict takes it from each request, so any host and port works.
            server.SetAuthorizationEndpointUris(Relative(DevIdentityDefaults.AuthorizePath))
                .SetTokenEndpointUris(Relative(DevIdentityDefaults.TokenPath))
                .SetEndSessionEndpointUris(Relative(DevIdentityDefaults.EndSessionPath))
                .SetUserInfoEndpointUris(Relative(DevIdentityDefaults.UserInfoPath));

            server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().RequireProofKeyForCodeExchange();
            server.Configure(options =>
            {
                options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain); // PKCE with S256 only
                options.ClientAuthenticationMethods.Remove(ClientAuthenticationMethods.PrivateKeyJwt); // secrets only
            });
            server.RegisterScopes(Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess);
            server.RegisterClaims(Claims.Name, Claims.PreferredUsername, Claims.Email, Claims.Role, DevIdentityDefaults.TeamClaim);

            server.EnableDegradedMode().DisableTokenStorage().DisableAuthorizationStorage();
            server.DisableAccessTokenEncryption();

            server.AddEventHandler<ValidateAuthorizationRequestContext>(h => h.UseSingletonHandler<ValidateDevAuthorizationRequest>());
            server.AddEventHandler<ValidateTokenRequestContext>(h => h.UseSingletonHandler<ValidateDevTokenRequest>());
            server.AddEventHandler<ValidateEndSessionRequestContext>(h => h.UseSingletonHandler<ValidateDevEndSessionRequest>());

            server.UseAspNetCore()
                .DisableTransportSecurityRequirement() // plain http: development only
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough()
                .EnableUserInfoEndpointPassthrough();
        });

        return services;
    }

    private static string Relative(string path) => path.TrimStart('/');
}
