using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Portal.Telephony.Connections;
using Portal.Telephony.Http;

namespace Portal.Telephony.NfonCti;

/// <summary>
/// Reads an NFON CTI SSE endpoint for as long as the caller wants, reconnecting when the stream ends, fails or
/// stays silent for <see cref="IdleTimeout"/>, after a jittered, capped exponential back-off (reset by the
/// first event of a connection). Each connection takes a current access token. Errors that waiting cannot fix
/// (credentials refused, 403, 404, 406) end the stream with a <see cref="VendorException"/>. An event larger than
/// <see cref="BoundedSse.DefaultMaxEventBytes"/> is logged and skipped without being read into memory.
/// </summary>
internal sealed class NfonCtiStreamReader(NfonCtiClient client, ILogger logger, TimeProvider clock)
{
    public static TimeSpan BaseDelay { get; } = TimeSpan.FromMilliseconds(250);
    public static TimeSpan MaxDelay { get; } = TimeSpan.FromSeconds(30);

    /// <summary>No event for this long: the connection is taken as dead (the vendor documents no heartbeat).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Each event's <c>data</c>, across reconnections.</summary>
    public async IAsyncEnumerable<string> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            var response = await OpenAsync(path, cancellationToken);
            if (response is not null)
            {
                using (response)
                {
                    await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    idle.CancelAfter(IdleTimeout);
                    var events = BoundedSse.ReadAsync(body, BoundedSse.DefaultMaxEventBytes, idle.Token).GetAsyncEnumerator(idle.Token);
                    try
                    {
                        while (await NextAsync(events, path, cancellationToken))
                        {
                            idle.CancelAfter(IdleTimeout);
                            failures = 0;
                            if (events.Current.OversizedBytes is { } size)
                            {
                                logger.LogWarning("Skipped an NFON CTI event on {Path} of {Size} bytes (at most {Limit} are read)", path, size, BoundedSse.DefaultMaxEventBytes);
                                continue;
                            }
                            yield return events.Current.Data;
                        }
                    }
                    finally
                    {
                        await events.DisposeAsync();
                    }
                }
            }
            var delay = Backoff(failures++);
            logger.LogInformation("NFON CTI stream {Path} ended; reconnecting in {Delay} ms", path, (int)delay.TotalMilliseconds);
            await Task.Delay(delay, clock, cancellationToken);
        }
    }

    /// <summary>Full jitter between half and all of min(cap, base · 2^failures).</summary>
    public static TimeSpan Backoff(int failures)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 16)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + Random.Shared.NextDouble() * 0.5));
    }

    private async Task<HttpResponseMessage?> OpenAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.SendAsync(HttpMethod.Get, path, "text/event-stream", null, retrying: false,
                HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }
            using (response)
            {
                throw NfonCtiErrors.FromResponse(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
            }
        }
        catch (VendorException ex) when (ex.Error.Kind is VendorErrorKind.Unavailable or VendorErrorKind.RateLimited)
        {
            logger.LogWarning("NFON CTI stream {Path} could not be opened: {Error}", path, ex.Error.Message);
            return null;
        }
    }

    private async Task<bool> NextAsync(IAsyncEnumerator<SseEvent> events, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await events.MoveNextAsync();
        }
        catch (Exception ex) when (NfonCtiClient.IsTransportFailure(ex, cancellationToken))
        {
            logger.LogInformation("NFON CTI stream {Path} dropped: {Reason}", path, ex.Message);
            return false;
        }
    }
}
