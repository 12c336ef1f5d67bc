using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Telephony.Cinnox;
using Portal.Telephony.Connections;
using Portal.Telephony.Unpod;
using Portal.Telephony.NfonCti;
using Portal.Telephony.WebFones;
using Portal.Telephony.NfonCallHistory;

namespace Portal.Telephony;

public static class TelephonyServiceCollectionExtensions
{
    /// <summary>Every vendor's adapter factory and HTTP clients, and <see cref="VendorAdapters"/> to pick one.</summary>
    public static IServiceCollection AddTelephony(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<VendorAdapters>();
        // One line per vendor: services.Add<Vendor>();
        services.AddCinnox();
        services.AddUnpod();
        services.AddNfonCti();
        services.AddWebFones();
        services.AddNfonCallHistory();
        return services;
    }
}
