using Portal.Telephony;
using Portal.Telephony.Http;
using Portal.Web.Hosting;

namespace Portal.Web.Vendors;

public static class VendorsServiceCollectionExtensions
{
    /// <summary>
    /// What the Connections, Sync and Calls features share about vendors: the adapters (Portal.Telephony), the encrypted
    /// credentials, the signals that wake a connection's sync, and the network rules for vendor addresses.
    /// </summary>
    public static IHostApplicationBuilder AddVendors(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddTelephony();
        services.AddSingleton<ConnectionSecretProtector>();
        services.AddSingleton<SyncSignals>();
        // The one place that decides Portal:Vendors:AllowPrivateNetworks when it is not set: the sandbox's emulators
        // listen on loopback, so only a host that runs them (Development, or an explicit demo) allows non-public addresses.
        var sandboxRuns = SandboxHosting.IsSandboxEnabled(builder.Configuration, builder.Environment);
        services.AddOptions<VendorNetworkOptions>()
            .Configure(options => options.AllowPrivateNetworks = sandboxRuns)
            .BindConfiguration(VendorNetworkOptions.Section);
        return builder;
    }
}
