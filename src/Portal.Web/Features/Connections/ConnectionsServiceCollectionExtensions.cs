using Portal.Telephony.Calls;
using Portal.Telephony.Http;
using Portal.Web.Hosting;
using Portal.Web.Vendors;

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
        services.AddSingleton<ConnectionTester>();
        services.AddSingleton<ConnectionService>();
        services.AddHostedService<ConfiguredConnections>();
        services.AddHostedService<SandboxConnectionSeeder>();
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
