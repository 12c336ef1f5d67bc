using Microsoft.Extensions.Options;

namespace Portal.Sandbox.Vendors.WebFones;

/// <summary>
/// WebFones' documented limit: so many requests per rolling window per API key, or per client IP when no key is
/// sent. Counts every request that reaches the emulator, whatever its answer. Thread-safe.
/// </summary>
public sealed class WebFonesRateLimit(IOptions<WebFonesEmulatorOptions> options, TimeProvider clock)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _requests = new(StringComparer.Ordinal);

    /// <summary>Counts one request of <paramref name="client"/>; false when it is over the limit.</summary>
    public bool TryCount(string client)
    {
        var limit = options.Value.RequestLimit;
        var window = options.Value.RateWindow;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (!_requests.TryGetValue(client, out var times))
            {
                _requests[client] = times = new Queue<DateTimeOffset>();
            }
            while (times.Count > 0 && times.Peek() + window <= now)
            {
                times.Dequeue();
            }
            if (times.Count >= limit)
            {
                return false;
            }
            times.Enqueue(now);
            return true;
        }
    }
}
