using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Telephony.Calls;

namespace Portal.Telephony.Http;

/// <summary>
/// The vendor side of the portal's metrics, on the meter <see cref="MeterName"/>: every request attempt by vendor and
/// answer (429s visible), and what is left of a vendor's rate budget. Plain System.Diagnostics.Metrics: the host
/// decides where the measurements go. Tag names follow the OpenTelemetry semantic conventions.
/// </summary>
public sealed class VendorMetrics
{
    public const string MeterName = "Portal.Vendors";
    public const string RequestsInstrument = "portal.vendor.requests";
    public const string RateBudgetInstrument = "portal.vendor.rate_limit.remaining";
    public const string VendorTag = "portal.vendor";
    public const string KeyTag = "portal.vendor.key";
    public const string StatusCodeTag = "http.response.status_code";
    public const string ErrorTypeTag = "error.type";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;

    public VendorMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _requests = _meter.CreateCounter<long>(RequestsInstrument, "{request}",
            "Requests sent to a vendor API, every attempt (retries included), by vendor and HTTP status code (error.type when no answer came).");
    }

    /// <summary>Observes the requests a vendor's keys may still send in their window, each key by <see cref="KeyId"/>.</summary>
    internal void ObserveRateBudget(VendorKind vendor, Func<IEnumerable<(string KeyId, int Remaining)>> budgets) =>
        _meter.CreateObservableGauge(RateBudgetInstrument,
            () => budgets().Select(b => new Measurement<int>(b.Remaining, new(VendorTag, vendor.ToString()), new(KeyTag, b.KeyId))),
            "{request}", "Requests an API key may still send in the vendor's rate window before the portal holds it back (WebFones).");

    /// <summary>
    /// Names an API key in metrics without telling it: the first 8 hex digits of its SHA-256, the same as
    /// <c>printf %s "$KEY" | sha256sum | cut -c1-8</c>.
    /// </summary>
    internal static string KeyId(string sha256Hex) => sha256Hex[..8].ToLowerInvariant();

    private void Count(VendorKind vendor, HttpResponseMessage? response, Exception? error)
    {
        var tags = new TagList { { VendorTag, vendor.ToString() } };
        if (response is not null)
        {
            tags.Add(StatusCodeTag, (int)response.StatusCode);
        }
        else
        {
            tags.Add(ErrorTypeTag, error?.GetType().FullName ?? "_OTHER");
        }
        _requests.Add(1, tags);
    }

    /// <summary>
    /// Counts every attempt of <paramref name="builder"/>'s client. Added after the retry pipeline, so it sits inside it
    /// and sees each retry.
    /// </summary>
    internal static IHttpClientBuilder CountVendorRequests(IHttpClientBuilder builder, VendorKind vendor)
    {
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<VendorMetrics>();
        return builder.AddHttpMessageHandler(services => new RequestCounter(services.GetRequiredService<VendorMetrics>(), vendor));
    }

    private sealed class RequestCounter(VendorMetrics metrics, VendorKind vendor) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                metrics.Count(vendor, null, ex);
                throw;
            }
            metrics.Count(vendor, response, null);
            return response;
        }
    }
}
