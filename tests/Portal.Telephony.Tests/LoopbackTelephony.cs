using Microsoft.Extensions.DependencyInjection;
using Portal.Telephony.Http;

namespace Portal.Telephony.Tests;

public static class LoopbackTelephony
{
    /// <summary>The adapters as the portal registers them, allowed to reach the sandbox on loopback.</summary>
    public static IServiceCollection AddTelephonyForLoopback(this IServiceCollection services) =>
        services.AddTelephony().Configure<VendorNetworkOptions>(options => options.AllowPrivateNetworks = true);
}
