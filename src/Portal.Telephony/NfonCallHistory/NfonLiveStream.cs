using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Telephony.Http;

namespace Portal.Telephony.NfonCallHistory;

/// <summary>How the live stream reconnects: jittered exponential back-off (capped), idleness limit, catch-up overlap.</summary>
internal sealed record NfonStreamTuning(TimeSpan ReconnectBaseDelay, TimeSpan ReconnectMaxDelay, TimeSpan IdleTimeout, TimeSpan CatchUpOverlap)
{
    public static NfonStreamTuning Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10));
}

/// <summary>
/// NFON's SSE stream of records (GET /records, Accept: text/event-stream), resumed after every drop: reconnects with
/// back-off and Last-Event-ID, and catches up with GET /records?from=&lt;last created − overlap&gt;&amp;sort=asc in case the
/// vendor does not replay. A record comes out once per version (uuid + updated): a re-send with a transcript comes
/// through (its transcript fetched with complete=true), an exact repeat or an older version does not.
/// </summary>
internal sealed class NfonLiveStream(NfonCallHistoryAdapter adapter, NfonApiClient api, NfonStreamTuning tuning)
{
    private const int RememberedVersions = 10_000;

    /// <summary>An event larger than this is skipped (a skipped record with the reason) without being read into memory.</summary>
    internal const int MaxEventBytes = BoundedSse.DefaultMaxEventBytes;

    private readonly DeliveredVersions _delivered = new(RememberedVersions);
    private DateTime? _lastCreated;
    private string? _customer;

    public async IAsyncEnumerable<StreamedCall> ReadAsync(string? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _customer = await LearnCustomerAsync(cancellationToken).ConfigureAwait(false);
        var failures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (response, retryAfter) = await ConnectAsync(lastEventId, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                await BackOffAsync(failures++, retryAfter, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                if (_lastCreated is { } lastCreated)
                {
                    var backlog = await CatchUpAsync(lastCreated - tuning.CatchUpOverlap, cancellationToken).ConfigureAwait(false);
                    if (backlog is null)
                    {
                        await BackOffAsync(failures++, null, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    foreach (var (call, skipped) in backlog)
                    {
                        if (Accept(call, skipped))
                        {
                            yield return new StreamedCall(lastEventId, call, skipped);
                        }
                    }
                }

                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                idle.CancelAfter(tuning.IdleTimeout);
                var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using var events = BoundedSse.ReadAsync(body, MaxEventBytes, idle.Token).GetAsyncEnumerator(idle.Token);
                while (await NextAsync(events, cancellationToken).ConfigureAwait(false))
                {
                    idle.CancelAfter(tuning.IdleTimeout);
                    failures = 0;
                    var item = events.Current;
                    var (call, skipped, complete) = item.OversizedBytes is { } size
                        ? (null, new SkippedRecord(null, $"The stream event is larger than {MaxEventBytes / 1024} KB ({size:N0} bytes); " +
                            $"only its first {BoundedSse.KeptOfOversized:N0} bytes are kept.", item.Data), true)
                        : await ReadEventAsync(item.Data, cancellationToken).ConfigureAwait(false);
                    if (!complete)
                    {
                        break; // the transcript could not be fetched: reconnect from the previous id, the event comes again
                    }
                    lastEventId = item.LastEventId ?? lastEventId;
                    if (Accept(call, skipped))
                    {
                        yield return new StreamedCall(lastEventId, call, skipped);
                    }
                }
            }
            await BackOffAsync(failures++, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// False for a version already delivered or older than one delivered (a replayed backlog may bring the version
    /// without transcript after the catch-up brought the one with it); remembers the newest start for the next catch-up.
    /// </summary>
    private bool Accept(NormalizedCall? call, SkippedRecord? skipped)
    {
        var accepted = call is not null
            ? _delivered.Offer(call.VendorCallId, call.VendorUpdatedAtUtc?.Ticks ?? 0)
            : _delivered.Offer($"skipped|{skipped!.VendorKey}|{skipped.RawPayload.GetHashCode(StringComparison.Ordinal)}", 0);
        if (accepted && call is not null && (_lastCreated is null || call.StartedAtUtc > _lastCreated))
        {
            _lastCreated = call.StartedAtUtc;
        }
        return accepted;
    }

    /// <summary>A record from the stream; one announced with a transcript but sent without it is fetched whole.</summary>
    private async Task<(NormalizedCall? Call, SkippedRecord? Skipped, bool Complete)> ReadEventAsync(string data, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data);
        }
        catch (JsonException ex)
        {
            return (null, new SkippedRecord(null, "The stream event is not JSON: " + ex.Message, data), true);
        }
        using (document)
        {
            var (call, skipped) = adapter.Read(document.RootElement);
            if (call is null || call.Transcript is not null || !AnnouncesTranscript(document.RootElement))
            {
                return (call, skipped, true);
            }
            try
            {
                using var full = await api.GetJsonAsync($"/records/{Uri.EscapeDataString(call.VendorCallId)}?complete=true",
                    "reading a transcript", cancellationToken).ConfigureAwait(false);
                var (fullCall, _) = adapter.Read(full.RootElement);
                return fullCall is not null ? (fullCall, null, true) : (call, null, true);
            }
            catch (VendorException ex) when (ex.Error.StatusCode == (int)HttpStatusCode.NotFound)
            {
                return (call, null, true); // deleted meanwhile
            }
            catch (VendorException ex) when (ex.Error.Kind is VendorErrorKind.Unavailable or VendorErrorKind.RateLimited or VendorErrorKind.MalformedResponse)
            {
                return (null, null, false);
            }
        }
    }

    private static bool AnnouncesTranscript(JsonElement record) =>
        record.TryGetProperty("transcription", out var transcription) && transcription.ValueKind == JsonValueKind.Object
        && transcription.TryGetProperty("available", out var available) && available.ValueKind == JsonValueKind.True;

    /// <summary>Opens the stream; null (and a wait) for a failure worth retrying; throws for one that is not.</summary>
    private async Task<(HttpResponseMessage? Response, TimeSpan? RetryAfter)> ConnectAsync(string? lastEventId, CancellationToken cancellationToken)
    {
        const string doing = "opening the live stream";
        HttpResponseMessage response;
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(tuning.IdleTimeout); // a server that never sends the headers is as good as down
        try
        {
            var query = _customer is null ? "/records" : "/records?customer=" + Uri.EscapeDataString(_customer);
            response = await api.SendAsync(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, api.Url(query));
                request.Headers.Accept.ParseAdd("text/event-stream");
                request.Headers.CacheControl = new() { NoCache = true };
                if (lastEventId is not null)
                {
                    request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
                }
                return request;
            }, doing, streaming: true, patience.Token).ConfigureAwait(false);
        }
        catch (VendorException ex) when (ex.Error.Kind == VendorErrorKind.Unavailable)
        {
            return (null, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, null);
        }

        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            return (response, null);
        }
        using (response)
        {
            if (status == 429 || status >= 500)
            {
                return (null, response.Headers.RetryAfter?.Delta);
            }
            if (response.IsSuccessStatusCode)
            {
                throw new VendorException(new VendorError(VendorKind.NfonCallHistory, VendorErrorKind.MalformedResponse,
                    $"NFON Call History answered the stream request with {response.Content.Headers.ContentType?.MediaType ?? "no content type"} instead of an event stream.", status));
            }
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw NfonApiClient.Failure(response, doing, body);
        }
    }

    /// <summary>Records created since <paramref name="fromUtc"/>; null when NFON could not be read now (retry later).</summary>
    private async Task<List<(NormalizedCall? Call, SkippedRecord? Skipped)>?> CatchUpAsync(DateTime fromUtc, CancellationToken cancellationToken)
    {
        var records = new List<(NormalizedCall?, SkippedRecord?)>();
        try
        {
            await foreach (var (calls, skipped) in adapter.ReadPagesAsync(fromUtc, "catching up after a stream drop", cancellationToken).ConfigureAwait(false))
            {
                records.AddRange(calls.Select(c => ((NormalizedCall?)c, (SkippedRecord?)null)));
                records.AddRange(skipped.Select(s => ((NormalizedCall?)null, (SkippedRecord?)s)));
            }
            return records;
        }
        catch (VendorException ex) when (ex.Error.Kind is VendorErrorKind.Unavailable or VendorErrorKind.RateLimited or VendorErrorKind.MalformedResponse)
        {
            return null;
        }
    }

    /// <summary>The K-number, which EA.2 wants on the stream for user-level tokens: taken from the newest record.</summary>
    private async Task<string?> LearnCustomerAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var document = await api.GetJsonAsync("/records?limit=1", "reading the customer number", cancellationToken).ConfigureAwait(false);
            return document.RootElement is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() > 0
                && list[0].ValueKind == JsonValueKind.Object && list[0].TryGetProperty("customer", out var customer)
                && customer.ValueKind == JsonValueKind.String
                ? customer.GetString()
                : null;
        }
        catch (VendorException ex) when (ex.Error.Kind is VendorErrorKind.Unavailable or VendorErrorKind.RateLimited or VendorErrorKind.MalformedResponse)
        {
            return null; // a customer-level token streams without it
        }
    }

    /// <summary>The next event; false at the end of the stream, a network error or idleness (all mean: reconnect).</summary>
    private static async Task<bool> NextAsync(IAsyncEnumerator<SseEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            return await events.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    private Task BackOffAsync(int failures, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var exponential = tuning.ReconnectBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 16));
        var capped = Math.Min(tuning.ReconnectMaxDelay.TotalMilliseconds, exponential);
        var delay = TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble() * 0.5));
        if (retryAfter is { } wait && wait > delay)
        {
            delay = wait;
        }
        return Task.Delay(delay, cancellationToken);
    }
}
