using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;
using Portal.Telephony.Http;

namespace Portal.Telephony.Tests;

public static class LoopbackTelephony
{
    private static readonly Lazy<ServiceProvider> Services = new(() => new ServiceCollection().AddLogging().AddTelephonyForLoopback().BuildServiceProvider());

    /// <summary>
    /// The adapters as the portal registers them, allowed to reach the sandbox on loopback; on the system clock unless the
    /// test registered its own.
    /// </summary>
    public static IServiceCollection AddTelephonyForLoopback(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services.AddTelephony().Configure<VendorNetworkOptions>(options => options.AllowPrivateNetworks = true);
    }

    /// <summary>An adapter for any settings (e.g. a <see cref="LoopbackServer"/>'s address).</summary>
    public static IVendorAdapter Adapter(VendorConnectionSettings settings) => Services.Value.GetRequiredService<VendorAdapters>().Create(settings);
}
