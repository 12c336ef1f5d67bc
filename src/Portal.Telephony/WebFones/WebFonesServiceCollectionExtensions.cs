using Microsoft.Extensions.DependencyInjection;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Telephony.Http;

namespace Portal.Telephony.WebFones;

internal static class WebFonesServiceCollectionExtensions
{
    /// <summary>
    /// No paging, so one answer can be large: a long attempt timeout. A 429 without Retry-After waits 60 s
    /// (<see cref="WebFonesAttemptHandler"/>); four of them fit in the total timeout.
    /// </summary>
    public static VendorRetryPolicy RetryPolicy { get; } = VendorRetryPolicy.Default with
    {
        AttemptTimeout = TimeSpan.FromMinutes(2),
        TotalTimeout = TimeSpan.FromMinutes(8),
    };

    public static IServiceCollection AddWebFones(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var limiters = new WebFonesRequestLimiters(sp.GetRequiredService<TimeProvider>());
            sp.GetRequiredService<VendorMetrics>().ObserveRateBudget(VendorKind.WebFones, limiters.Budgets);
            return limiters;
        });
        services.AddVendorHttpClient(WebFonesClient.HttpClientName, VendorKind.WebFones, RetryPolicy, maxDocumentBytes: null)
            .AddHttpMessageHandler(() => new WebFonesAttemptHandler());
        services.AddSingleton<IVendorAdapterFactory, WebFonesAdapterFactory>();
        return services;
    }
}

internal sealed class WebFonesAdapterFactory(IHttpClientFactory httpClients, WebFonesRequestLimiters limiters, TimeProvider clock) : IVendorAdapterFactory
{
    public VendorKind Vendor => VendorKind.WebFones;

    public Capabilities.IVendorAdapter Create(VendorConnectionSettings settings) =>
        new WebFonesAdapter(new WebFonesClient(httpClients.CreateClient(WebFonesClient.HttpClientName), settings, limiters), settings, clock);
}
