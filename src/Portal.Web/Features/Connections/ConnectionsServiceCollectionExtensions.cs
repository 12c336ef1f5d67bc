using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Telephony.Calls;
using Portal.Telephony.Http;
using Portal.Web.Features.Shell;
using Portal.Web.Features.Sync;

namespace Portal.Web.Features.Connections;

public static class ConnectionsServiceCollectionExtensions
{
    /// <summary>
    /// Vendor connections: the service behind the Connections page, connections declared in configuration, the
    /// sandbox connections of a first run, and "Connect with NFON". On the host builder: ASP.NET Core already has an
    /// <c>IServiceCollection.AddConnections()</c> (SignalR).
    /// </summary>
    public static IHostApplicationBuilder AddConnections(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SyncSignals>();
        services.TryAddSingleton<ConnectionSecretProtector>();
        services.AddSingleton<ConnectionTester>();
        services.AddSingleton<ConnectionService>();
        services.AddHostedService<ConfiguredConnections>();
        services.AddHostedService<SandboxConnectionSeeder>();
        // The one place that decides Portal:Vendors:AllowPrivateNetworks when it is not set: the sandbox's emulators
        // listen on loopback, so only a host that runs them (Development, or an explicit demo) allows non-public addresses.
        var sandboxRuns = SandboxHosting.IsSandboxEnabled(builder.Configuration, builder.Environment);
        services.AddOptions<VendorNetworkOptions>()
            .Configure(options => options.AllowPrivateNetworks = sandboxRuns)
            .BindConfiguration(VendorNetworkOptions.Section);
        services.AddValidatedOptions<NfonOAuthOptions, NfonOAuthOptionsValidator>(NfonOAuthOptions.Section);
        services.AddHttpClient(NfonConnectEndpoints.TokenHttpClient, client =>
        {
            client.DefaultRequestHeaders.UserAgent.ParseAdd(VendorHttp.UserAgent);
            client.Timeout = TimeSpan.FromSeconds(30);
        }).UseVendorNetwork(VendorKind.NfonCallHistory);
        return builder;
    }

    public static IEndpointRouteBuilder MapConnectionEndpoints(this IEndpointRouteBuilder endpoints) => endpoints.MapNfonConnectEndpoints();
}
