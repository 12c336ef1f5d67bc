using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Sandbox.Faults;
using Portal.Sandbox.Identity;
using Portal.Sandbox.Traffic;
using Portal.Sandbox.Vendors.Cinnox;
using Portal.Sandbox.Vendors.Unpod;
using Portal.Sandbox.Vendors.NfonCti;
using Portal.Sandbox.Vendors.WebFones;
using Portal.Sandbox.Vendors.NfonCallHistory;

namespace Portal.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>Binds <see cref="SandboxOptions"/> from the "Sandbox" section and registers the development
    /// OpenID Connect provider. Sets no default authentication scheme; the host registers the <see cref="TimeProvider"/>.</summary>
    public static IServiceCollection AddSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection(SandboxOptions.Section));
        services.AddDevIdentity();
        services.TryAddSingleton<SandboxTraffic>();
        services.TryAddSingleton<FaultRegistry>();
        services.AddHostedService<LiveTrafficService>();
        // One line per emulated vendor: services.Add<Vendor>Emulator();
        services.AddCinnoxEmulator();
        services.AddUnpodEmulator();
        services.AddNfonCtiEmulator();
        services.AddWebFonesEmulator();
        services.AddNfonCallHistoryEmulator();
        return services;
    }
}
