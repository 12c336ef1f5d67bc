using System.Net;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Portal.Telephony.Calls;

namespace Portal.Telephony.Http;

/// <summary>How patient one vendor's HTTP client is. Long back-off (minutes) belongs to the sync scheduler, not here.</summary>
public sealed record VendorRetryPolicy(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan AttemptTimeout, TimeSpan TotalTimeout)
{
    /// <summary>A poller's default: a few quick retries with jitter, 429 waits at least Retry-After.</summary>
    public static VendorRetryPolicy Default { get; } = new(4, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(5));
}

public static class VendorHttp
{
    /// <summary>Sent on every vendor request, as the vendors ask.</summary>
    public static string UserAgent { get; } = "Portal/" + (typeof(VendorHttp).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0");

    /// <summary>The most a JSON or text answer may hold: generous for a page of 500 records with transcripts.</summary>
    public const long MaxDocumentBytes = 64L * 1024 * 1024;

    /// <summary>
    /// A named client for request/response calls: User-Agent, retries of 5xx, 408, 429, timeouts and network errors
    /// with exponential back-off and jitter; a 429's Retry-After is honoured. No circuit breaker: one slow poller
    /// must not trip itself. Every attempt is counted (<see cref="VendorMetrics"/>). On the network side, <see cref="UseVendorNetwork"/>. <paramref name="maxDocumentBytes"/>
    /// null: JSON answers of any size (a client that reads them as a stream, record by record).
    /// </summary>
    public static IHttpClientBuilder AddVendorHttpClient(this IServiceCollection services, string name, VendorKind vendor, VendorRetryPolicy policy,
        long? maxDocumentBytes = MaxDocumentBytes)
    {
        var builder = services.AddHttpClient(name, client =>
        {
            client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            client.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's timeouts rule
        }).UseVendorNetwork(vendor, maxDocumentBytes);
        builder.AddResilienceHandler(name, pipeline =>
        {
            pipeline.AddTimeout(policy.TotalTimeout);
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = policy.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = policy.BaseDelay,
                MaxDelay = policy.MaxDelay,
                ShouldRetryAfterHeader = true,
            });
            pipeline.AddTimeout(policy.AttemptTimeout);
        });
        return VendorMetrics.CountVendorRequests(builder, vendor);
    }

    /// <summary>A named client for long-lived streams (SSE): no retry pipeline and no timeout; the reader watches idleness.</summary>
    public static IHttpClientBuilder AddVendorStreamClient(this IServiceCollection services, string name, VendorKind vendor) =>
        VendorMetrics.CountVendorRequests(services.AddHttpClient(name, client =>
        {
            client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            client.Timeout = Timeout.InfiniteTimeSpan;
        }).UseVendorNetwork(vendor, MaxDocumentBytes), vendor);

    /// <summary>
    /// The network side of a vendor client: redirects are not followed but reported, non-public destinations refused
    /// at connect time unless <see cref="VendorNetworkOptions.AllowPrivateNetworks"/>, bodies bounded
    /// (<see cref="VendorResponseGuard"/>).
    /// </summary>
    public static IHttpClientBuilder UseVendorNetwork(this IHttpClientBuilder builder, VendorKind vendor, long? maxDocumentBytes = MaxDocumentBytes)
    {
        builder.Services.AddOptions<VendorNetworkOptions>();
        return builder.ConfigurePrimaryHttpMessageHandler(services => new VendorResponseGuard(vendor, maxDocumentBytes)
        {
            InnerHandler = VendorNetwork.CreateHandler(services.GetRequiredService<IOptions<VendorNetworkOptions>>()),
        });
    }

    public static bool IsAuthenticationFailure(HttpStatusCode status) => status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
}
