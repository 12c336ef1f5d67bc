using Microsoft.Extensions.DependencyInjection;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Telephony.Http;

namespace Portal.Telephony.Unpod;

internal static class UnpodServiceCollectionExtensions
{
    /// <summary>Unpod documents no rate limit: a few quick retries of 5xx/429/timeouts, 0.5 s doubling, Retry-After honoured.</summary>
    public static VendorRetryPolicy RetryPolicy { get; } =
        new(4, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(3));

    public static IServiceCollection AddUnpod(this IServiceCollection services)
    {
        services.AddVendorHttpClient(UnpodClient.HttpClientName, VendorKind.Unpod, RetryPolicy);
        services.AddSingleton<IVendorAdapterFactory, UnpodAdapterFactory>();
        return services;
    }
}
