using Microsoft.Extensions.DependencyInjection;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Telephony.Http;

namespace Portal.Telephony.NfonCti;

internal static class NfonCtiServiceCollectionExtensions
{
    /// <summary>
    /// A short-tempered retrying client for the small requests (a person waits on click-to-call and the directory),
    /// a client without retries for streams and originate, and the adapter factory.
    /// </summary>
    public static IServiceCollection AddNfonCti(this IServiceCollection services)
    {
        services.AddVendorHttpClient(NfonCtiAdapterFactory.HttpClientName, VendorKind.NfonCti,
            new VendorRetryPolicy(3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60)));
        services.AddVendorStreamClient(NfonCtiAdapterFactory.StreamClientName, VendorKind.NfonCti);
        services.AddSingleton<IVendorAdapterFactory, NfonCtiAdapterFactory>();
        return services;
    }
}
