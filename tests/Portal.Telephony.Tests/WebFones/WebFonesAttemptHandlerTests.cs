using System.Net;
using Microsoft.Extensions.Time.Testing;
using Portal.Telephony.WebFones;

namespace Portal.Telephony.Tests.WebFones;

public sealed class WebFonesAttemptHandlerTests
{
    [Fact]
    public async Task SendAsync_429WithoutRetryAfter_WaitsTheDefaultMinute()
    {
        using var invoker = new HttpMessageInvoker(new WebFonesAttemptHandler { InnerHandler = new Answer(HttpStatusCode.TooManyRequests, null) });

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://webfones.test/"), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfter_KeepsItAndPausesTheKey()
    {
        var clock = new FakeTimeProvider();
        var limiter = new WebFonesRequestLimiter(10, TimeSpan.FromMinutes(15), clock);
        using var invoker = new HttpMessageInvoker(new WebFonesAttemptHandler { InnerHandler = new Answer(HttpStatusCode.TooManyRequests, 5) });
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://webfones.test/");
        request.Options.Set(WebFonesAttemptHandler.PermitsKey, new WebFonesAttemptPermits(limiter));

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var next = limiter.AcquireAsync(CancellationToken.None).AsTask();
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(5));
        await next;
    }

    [Fact]
    public async Task SendAsync_Retry_TakesAnotherPlaceInTheWindow()
    {
        var clock = new FakeTimeProvider();
        var limiter = new WebFonesRequestLimiter(2, TimeSpan.FromMinutes(15), clock);
        await limiter.AcquireAsync(CancellationToken.None); // what the client takes before the first attempt
        using var invoker = new HttpMessageInvoker(new WebFonesAttemptHandler { InnerHandler = new Answer(HttpStatusCode.OK, null) });
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://webfones.test/");
        request.Options.Set(WebFonesAttemptHandler.PermitsKey, new WebFonesAttemptPermits(limiter));

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose(); // first attempt: prepaid
        (await invoker.SendAsync(request, CancellationToken.None)).Dispose(); // a retry: the second place
        var third = invoker.SendAsync(request, CancellationToken.None);

        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromMinutes(15));
        (await third).Dispose();
    }

    private sealed class Answer(HttpStatusCode status, int? retryAfterSeconds) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(status);
            if (retryAfterSeconds is { } seconds)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
            }
            return Task.FromResult(response);
        }
    }
}
