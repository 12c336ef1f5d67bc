using Microsoft.Extensions.DependencyInjection;
using Portal.Telephony.Cinnox;
using Portal.Telephony.Connections;
using Portal.Telephony.Unpod;
using Portal.Telephony.NfonCti;
using Portal.Telephony.WebFones;
using Portal.Telephony.NfonCallHistory;

namespace Portal.Telephony;

public static class TelephonyServiceCollectionExtensions
{
    /// <summary>
    /// Every vendor's adapter factory and HTTP clients, and <see cref="VendorAdapters"/> to pick one. The host registers the
    /// <see cref="TimeProvider"/> they read (the portal in one place, tests a fixed one).
    /// </summary>
    public static IServiceCollection AddTelephony(this IServiceCollection services)
    {
        services.AddSingleton<VendorAdapters>();
        // One line per vendor: services.Add<Vendor>();
        services.AddCinnox();
        services.AddUnpod();
        services.AddNfonCti();
        services.AddWebFones();
        services.AddNfonCallHistory();
        return services;
    }
}
