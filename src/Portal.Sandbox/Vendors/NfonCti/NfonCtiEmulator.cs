using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Sandbox.Faults;
using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.NfonCti;

/// <summary>The NFON CTI API emulator under <see cref="NfonCtiSandbox.BasePath"/>.</summary>
public static class NfonCtiEmulator
{
    public static IServiceCollection AddNfonCtiEmulator(this IServiceCollection services)
    {
        services.AddOptions<NfonCtiEmulatorOptions>().BindConfiguration(NfonCtiEmulatorOptions.Section);
        // CTI has no call records; its own traffic drives the tenant call stream and the line board.
        services.AddSingleton(new TrafficProfile(VendorKind.NfonCti));
        services.TryAddSingleton<NfonCtiTokenStore>();
        services.TryAddSingleton<NfonCtiLineBoard>();
        services.TryAddSingleton<NfonCtiCallHub>();
        services.TryAddSingleton<NfonCtiOriginations>();
        services.AddHostedService<NfonCtiTrafficFeed>();
        return services;
    }

    public static IEndpointRouteBuilder MapNfonCtiEmulator(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapVendorGroup(VendorKind.NfonCti, NfonCtiSandbox.BasePath, NfonCtiResults.Error);
        group.AddEndpointFilter(async (context, next) =>
        {
            NfonCtiResults.EnsureRequestId(context.HttpContext);
            return await next(context);
        });
        group.MapNfonCtiAuth();
        var extensions = group.MapGroup("/extensions/phone");
        extensions.AddEndpointFilter(NfonCtiAuthEndpoints.RequireAccessToken);
        extensions.MapNfonCtiExtensions();
        extensions.MapNfonCtiCalls();
        return endpoints;
    }
}
