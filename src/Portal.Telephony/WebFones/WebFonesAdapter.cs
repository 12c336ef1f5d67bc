using System.Runtime.CompilerServices;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.WebFones;

/// <summary>
/// WebFones Call Log Access 3.0/3.1: call records after a zone-less local timestamp (no paging: one request per
/// read), and recordings (3.1). Times are read in the connection's time zone. The answer is read as it arrives and
/// handed on in pages of at most <see cref="PageSize"/> records, so one answer of any size needs bounded memory.
/// </summary>
internal sealed class WebFonesAdapter(WebFonesClient client, VendorConnectionSettings settings, TimeProvider clock)
    : ICallRecordSource, IRecordingSource
{
    public VendorKind Vendor => VendorKind.WebFones;

    /// <summary>Records per page handed to the sync engine.</summary>
    internal int PageSize { get; set; } = 5_000;

    /// <summary>Asks for the records after "now": one cheap request that proves the zone, the key and the URL.</summary>
    public async Task<VendorError?> TestConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var zone = WebFonesTime.ZoneOf(settings);
            var now = clock.GetUtcNow().UtcDateTime;
            await foreach (var _ in client.ReadRecordsAfterAsync(WebFonesTime.ToLocalText(now, zone), cancellationToken).ConfigureAwait(false))
            {
                // read to the end: the answer must be a complete list of records
            }
            return null;
        }
        catch (VendorException ex)
        {
            return ex.Error;
        }
    }

    /// <summary>
    /// The answer's records in pages of at most <see cref="PageSize"/>, each record mapped as it arrives. WebFones does not
    /// promise any order, so a record not read yet may be older than every record read so far: a page before the last
    /// carries <paramref name="sinceUtc"/> as its watermark (the cursor stays), and only the last page (empty when the
    /// records filled the pages before exactly) carries the latest start of the whole answer. A read broken off halfway
    /// thus starts again from the same cursor; what was stored is read again as updates. Each page holds a rid once; a rid
    /// sent again in a later page is written again (an upsert, the later copy wins).
    /// </summary>
    public async IAsyncEnumerable<CallPage> ReadSinceAsync(DateTime sinceUtc, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var zone = WebFonesTime.ZoneOf(settings);
        var since = WebFonesTime.AsUtc(sinceUtc);
        var reader = new WebFonesRecordReader(settings, zone);
        var page = reader.NewPage(since);
        var latest = since;
        await foreach (var item in client.ReadRecordsAfterAsync(WebFonesTime.QueryFrom(since, zone), cancellationToken).ConfigureAwait(false))
        {
            page.Add(item);
            if (page.Records == PageSize)
            {
                var full = page.Build();
                page = reader.NewPage(since);
                latest = full.Watermark > latest ? full.Watermark : latest;
                yield return full with { Watermark = since };
            }
        }
        var last = page.Build();
        yield return last with { Watermark = last.Watermark > latest ? last.Watermark : latest };
    }

    public Task<RecordingContent> OpenRecordingAsync(string vendorCallId, RecordingInfo recording, CancellationToken cancellationToken) =>
        client.OpenRecordingAsync(string.IsNullOrEmpty(recording.VendorRecordingId) ? vendorCallId : recording.VendorRecordingId, cancellationToken);
}
