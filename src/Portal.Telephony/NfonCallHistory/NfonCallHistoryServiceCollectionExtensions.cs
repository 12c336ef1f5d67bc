using Microsoft.Extensions.DependencyInjection;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Telephony.Http;

namespace Portal.Telephony.NfonCallHistory;

internal static class NfonCallHistoryServiceCollectionExtensions
{
    /// <summary>
    /// NFON documents no rate limit: a few quick retries of 5xx/429 (Retry-After honoured) within two minutes; a record
    /// page of 500 with transcripts can be large, so one attempt may take 30 s.
    /// </summary>
    private static readonly VendorRetryPolicy RetryPolicy = new(
        MaxRetries: 4,
        BaseDelay: TimeSpan.FromMilliseconds(500),
        MaxDelay: TimeSpan.FromSeconds(20),
        AttemptTimeout: TimeSpan.FromSeconds(30),
        TotalTimeout: TimeSpan.FromMinutes(2));

    public static IServiceCollection AddNfonCallHistory(this IServiceCollection services)
    {
        services.AddVendorHttpClient(NfonCallHistoryNames.ApiClient, VendorKind.NfonCallHistory, RetryPolicy);
        services.AddVendorStreamClient(NfonCallHistoryNames.StreamClient, VendorKind.NfonCallHistory);
        services.AddSingleton<NfonTokenCache>();
        services.AddSingleton<IVendorAdapterFactory, NfonCallHistoryAdapterFactory>();
        return services;
    }
}
