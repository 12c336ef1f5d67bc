using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Portal.Telephony.Http;

namespace Portal.Telephony.WebFones;

/// <summary>
/// Never more than <c>limit</c> requests in any rolling <c>window</c> for one API key: a log of the send times,
/// exact rather than segmented. Callers wait (never fail) for room, and can be cancelled while waiting.
/// A 429 pauses the key for everyone until its Retry-After has passed.
/// </summary>
internal sealed class WebFonesRequestLimiter(int limit, TimeSpan window, TimeProvider clock)
{
    private readonly object _gate = new();
    private readonly Queue<DateTimeOffset> _sent = new();
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public int Limit => limit;
    public TimeSpan Window => window;

    /// <summary>Raised when a caller has to wait for room (tests watch it instead of sleeping).</summary>
    internal event Action? Waiting;

    /// <summary>Takes one request's place in the window, waiting until there is room.</summary>
    public async ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan wait;
            lock (_gate)
            {
                var now = clock.GetUtcNow();
                while (_sent.Count > 0 && _sent.Peek() + window <= now)
                {
                    _sent.Dequeue();
                }
                if (now >= _pausedUntil && _sent.Count < limit)
                {
                    _sent.Enqueue(now);
                    return;
                }
                var untilRoom = _sent.Count < limit ? TimeSpan.Zero : _sent.Peek() + window - now;
                var untilResumed = _pausedUntil > now ? _pausedUntil - now : TimeSpan.Zero;
                wait = untilRoom > untilResumed ? untilRoom : untilResumed;
            }
            Waiting?.Invoke();
            await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>How many requests may go now without waiting (none while paused).</summary>
    public int Remaining
    {
        get
        {
            lock (_gate)
            {
                var now = clock.GetUtcNow();
                return now < _pausedUntil ? 0 : limit - _sent.Count(sent => sent + window > now);
            }
        }
    }

    /// <summary>Holds every request of this key back for <paramref name="delay"/> (the vendor answered 429).</summary>
    public void PauseFor(TimeSpan delay)
    {
        lock (_gate)
        {
            var until = clock.GetUtcNow() + delay;
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }
}

/// <summary>
/// One <see cref="WebFonesRequestLimiter"/> per API key, shared by every adapter in the process (a singleton):
/// WebFones allows 1000 requests per 15 minutes per key; the portal stays at 900.
/// </summary>
internal sealed class WebFonesRequestLimiters(TimeProvider clock, int limit = WebFonesRequestLimiters.DefaultLimit, TimeSpan? window = null)
{
    public const int DefaultLimit = 900;
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, WebFonesRequestLimiter> _byKey = new(StringComparer.Ordinal);

    /// <summary>The limiter of one API key (kept by a hash of the key, not the key).</summary>
    public WebFonesRequestLimiter For(string apiKey) =>
        _byKey.GetOrAdd(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey))),
            _ => new WebFonesRequestLimiter(limit, window ?? DefaultWindow, clock));

    /// <summary>What each key used so far has left, the key named by <see cref="VendorMetrics.KeyId"/>.</summary>
    public IEnumerable<(string KeyId, int Remaining)> Budgets() => _byKey.Select(pair => (VendorMetrics.KeyId(pair.Key), pair.Value.Remaining));
}
