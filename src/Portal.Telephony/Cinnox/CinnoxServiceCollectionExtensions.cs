using Microsoft.Extensions.DependencyInjection;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Telephony.Http;

namespace Portal.Telephony.Cinnox;

internal static class CinnoxServiceCollectionExtensions
{
    /// <summary>
    /// CINNOX's rate limit is undocumented: up to 5 retries, 1 s doubling (jittered, capped at 30 s), Retry-After
    /// honoured; code 6451010 in a body counts as a 429.
    /// </summary>
    public static VendorRetryPolicy RetryPolicy { get; } =
        new(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(5));

    public static IServiceCollection AddCinnox(this IServiceCollection services)
    {
        services.AddVendorHttpClient(CinnoxClient.HttpClientName, VendorKind.Cinnox, RetryPolicy)
            .AddHttpMessageHandler(() => new CinnoxRateLimitCodeHandler());
        services.AddSingleton<IVendorAdapterFactory, CinnoxAdapterFactory>();
        return services;
    }
}
