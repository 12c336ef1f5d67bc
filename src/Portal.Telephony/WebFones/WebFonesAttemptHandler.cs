using System.Net;
using System.Net.Http.Headers;

namespace Portal.Telephony.WebFones;

/// <summary>
/// Sits inside the retry pipeline, so it sees every attempt: each retry takes its own place in the key's
/// window (the first was taken by the client before the pipeline, where waiting is not cut by a timeout).
/// WebFones documents no Retry-After: a 429 without one is given <see cref="DefaultRetryAfter"/>, which the retry
/// then waits, and the key pauses for everyone meanwhile.
/// </summary>
internal sealed class WebFonesAttemptHandler : DelegatingHandler
{
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(60);

    public static readonly HttpRequestOptionsKey<WebFonesAttemptPermits> PermitsKey = new("Portal.WebFones.Permits");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.TryGetValue(PermitsKey, out var permits);
        if (permits is not null)
        {
            await permits.BeforeAttemptAsync(cancellationToken).ConfigureAwait(false);
        }
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            response.Headers.RetryAfter ??= new RetryConditionHeaderValue(DefaultRetryAfter);
            var retryAfter = response.Headers.RetryAfter.Delta
                ?? (response.Headers.RetryAfter.Date is { } date ? date - DateTimeOffset.UtcNow : DefaultRetryAfter);
            permits?.Limiter.PauseFor(retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.Zero);
        }
        return response;
    }
}

/// <summary>The places in the window of one logical request: the first is prepaid, each retry takes another.</summary>
internal sealed class WebFonesAttemptPermits(WebFonesRequestLimiter limiter)
{
    private int _prepaid = 1;

    public WebFonesRequestLimiter Limiter => limiter;

    public ValueTask BeforeAttemptAsync(CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _prepaid, 0) == 1 ? ValueTask.CompletedTask : limiter.AcquireAsync(cancellationToken);
}
