using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Server;
using Portal.Sandbox.Tests;

namespace Portal.Web.Tests;

public static class FixedClockServices
{
    /// <summary>
    /// Puts a host (the portal with its in-process sandbox, or a sandbox of its own) on <paramref name="clock"/>: its generated
    /// traffic, "today", every relative range and every backfill are then the same on every run. Sign-in keeps the real clock:
    /// the browser and the ID token check meet real time (a correlation cookie that expires months ago is dropped, a token
    /// issued months ago is expired), so the OpenID Connect handler and the provider (OpenIddict) get the system clock.
    /// The portal's own session refresh compares a token's real expiry with the fixed clock and so never comes due: no test
    /// on a fixed clock is about token refresh.
    /// </summary>
    public static IServiceCollection AddFixedClock(this IServiceCollection services, FixedStartClock clock)
    {
        services.AddSingleton<TimeProvider>(clock);
        services.PostConfigureAll<OpenIdConnectOptions>(oidc => oidc.TimeProvider = TimeProvider.System);
        services.PostConfigure<OpenIddictServerOptions>(server => server.TimeProvider = TimeProvider.System);
        return services;
    }
}
