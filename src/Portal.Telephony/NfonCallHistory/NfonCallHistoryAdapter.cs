using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.NfonCallHistory;

/// <summary>
/// NFON Call History: call records (offset paging, oldest first, with transcripts), the live SSE stream, and
/// single and bulk delete upstream. <c>from</c> is sent in epoch seconds.
/// </summary>
internal sealed class NfonCallHistoryAdapter(NfonApiClient api) : ICallRecordSource, ILiveCallRecordStream, ICallRecordDeleter
{
    public VendorKind Vendor => VendorKind.NfonCallHistory;

    /// <summary>Records per request (NFON documents no maximum).</summary>
    internal int PageSize { get; set; } = 500;

    /// <summary>Ids per bulk DELETE (keeps the URL short).</summary>
    internal int DeleteChunkSize { get; set; } = 100;

    internal NfonStreamTuning StreamTuning { get; set; } = NfonStreamTuning.Default;

    public async Task<VendorError?> TestConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var _ = await api.GetJsonAsync("/records?limit=1", "testing the connection", cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (VendorException ex)
        {
            return ex.Error;
        }
    }

    public async IAsyncEnumerable<CallPage> ReadSinceAsync(DateTime sinceUtc, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var since = sinceUtc.Kind == DateTimeKind.Local ? sinceUtc.ToUniversalTime() : DateTime.SpecifyKind(sinceUtc, DateTimeKind.Utc);
        var watermark = since;
        await foreach (var page in ReadPagesAsync(since, "reading call records", cancellationToken).ConfigureAwait(false))
        {
            var calls = page.Calls.Where(c => c.StartedAtUtc >= since).ToList();
            watermark = calls.Select(c => c.StartedAtUtc).Append(watermark).Max();
            yield return new CallPage(calls, page.Skipped, watermark);
        }
    }

    /// <summary>
    /// Every record created after <paramref name="since"/> (less one second, as NFON's "newer than" is not defined
    /// more closely), oldest first, page by page until a page is short. Each element's JSON is kept as received.
    /// </summary>
    internal async IAsyncEnumerable<(List<NormalizedCall> Calls, List<SkippedRecord> Skipped)> ReadPagesAsync(
        DateTime since, string doing, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var from = since > DateTime.UnixEpoch.AddSeconds(1)
            ? "&from=" + (new DateTimeOffset(since).ToUnixTimeSeconds() - 1).ToString(CultureInfo.InvariantCulture)
            : "";
        for (var offset = 0; ; )
        {
            var query = $"/records?sort=asc&complete=true&limit={PageSize}&offset={offset}{from}";
            using var document = await api.GetJsonAsync(query, doing, cancellationToken).ConfigureAwait(false);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new VendorException(new VendorError(Vendor, VendorErrorKind.MalformedResponse,
                    $"NFON Call History answered {doing} with a JSON {document.RootElement.ValueKind} instead of a list of records."));
            }
            var (calls, skipped) = RecordMapping.Split(document.RootElement.EnumerateArray().Select(Read));
            var count = calls.Count + skipped.Count;
            yield return (calls, skipped);
            if (count < PageSize)
            {
                yield break;
            }
            offset += count;
        }
    }

    public IAsyncEnumerable<StreamedCall> StreamAsync(string? lastEventId, CancellationToken cancellationToken) =>
        new NfonLiveStream(this, api, StreamTuning).ReadAsync(lastEventId, cancellationToken);

    public async Task<bool> DeleteAsync(string vendorCallId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vendorCallId);
        const string doing = "deleting a call record";
        using var response = await api.SendAsync(HttpMethod.Delete, "/records/" + Uri.EscapeDataString(vendorCallId.Trim()), doing, cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        await NfonApiClient.ThrowIfFailedAsync(response, doing, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Deletes exactly these ids, in chunks of uuid=…&amp;uuid=…; never sends a bulk delete without ids.</summary>
    public async Task DeleteManyAsync(IReadOnlyCollection<string> vendorCallIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vendorCallIds);
        var ids = vendorCallIds.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in ids.Chunk(Math.Max(1, DeleteChunkSize)))
        {
            const string doing = "deleting call records";
            var query = "/records?" + string.Join('&', chunk.Select(id => "uuid=" + Uri.EscapeDataString(id)));
            using var response = await api.SendAsync(HttpMethod.Delete, query, doing, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                continue; // none of this chunk exists any more: the goal is reached
            }
            await NfonApiClient.ThrowIfFailedAsync(response, doing, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One record's JSON: mapped, or skipped with the reason and the JSON as received.</summary>
    internal (NormalizedCall? Call, SkippedRecord? Skipped) Read(JsonElement element)
    {
        var raw = element.GetRawText();
        return RecordMapping.MapOne(raw, "uuid", () => (NfonRecordMapper.Map(NfonRecordMapper.Parse(element), raw, api.Settings), null));
    }
}
