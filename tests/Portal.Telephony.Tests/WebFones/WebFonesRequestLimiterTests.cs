using Microsoft.Extensions.Time.Testing;
using Portal.Telephony.WebFones;

namespace Portal.Telephony.Tests.WebFones;

public sealed class WebFonesRequestLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AcquireAsync_WithinLimit_CompletesAtOnce()
    {
        var limiter = new WebFonesRequestLimiter(5, TimeSpan.FromMinutes(15), _clock);

        var acquired = Enumerable.Range(0, 5).Select(_ => limiter.AcquireAsync(CancellationToken.None)).ToList();

        Assert.All(acquired, a => Assert.True(a.IsCompletedSuccessfully));
    }

    [Fact]
    public async Task AcquireAsync_PastLimit_WaitsUntilTheFirstRequestLeavesTheWindow()
    {
        var limiter = new WebFonesRequestLimiter(5, TimeSpan.FromMinutes(15), _clock);
        for (var i = 0; i < 5; i++)
        {
            await limiter.AcquireAsync(CancellationToken.None);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        var sixth = limiter.AcquireAsync(CancellationToken.None).AsTask();
        _clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1)); // 15 min after the first, less a tick
        Assert.False(sixth.IsCompleted);
        _clock.Advance(TimeSpan.FromTicks(1));
        await sixth;

        var seventh = limiter.AcquireAsync(CancellationToken.None).AsTask();
        Assert.False(seventh.IsCompleted); // the second request is still in the window for a minute
        _clock.Advance(TimeSpan.FromMinutes(1));
        await seventh;
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_Throws()
    {
        var limiter = new WebFonesRequestLimiter(1, TimeSpan.FromMinutes(15), _clock);
        await limiter.AcquireAsync(CancellationToken.None);
        using var cancellation = new CancellationTokenSource();

        var waiting = limiter.AcquireAsync(cancellation.Token).AsTask();
        Assert.False(waiting.IsCompleted);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task PauseFor_RetryAfter_HoldsTheKeyBackEvenWithRoomInTheWindow()
    {
        var limiter = new WebFonesRequestLimiter(5, TimeSpan.FromMinutes(15), _clock);
        limiter.PauseFor(TimeSpan.FromSeconds(30));

        var next = limiter.AcquireAsync(CancellationToken.None).AsTask();
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(next.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await next;
    }

    [Fact]
    public void For_SameKey_IsOneLimiterAndOtherKeysHaveTheirOwn()
    {
        var limiters = new WebFonesRequestLimiters(_clock);

        Assert.Same(limiters.For("key-a"), limiters.For("key-a"));
        Assert.NotSame(limiters.For("key-a"), limiters.For("key-b"));
        Assert.Equal(WebFonesRequestLimiters.DefaultLimit, limiters.For("key-a").Limit);
        Assert.Equal(TimeSpan.FromMinutes(15), limiters.For("key-a").Window);
    }
}
