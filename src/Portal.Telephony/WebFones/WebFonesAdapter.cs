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
            var reader = new WebFonesRecordReader(settings, zone);
            await foreach (var batch in client.ReadRecordsAfterAsync(WebFonesTime.ToLocalText(now, zone), PageSize, cancellationToken).ConfigureAwait(false))
            {
                reader.ToPage(batch, now);
            }
            return null;
        }
        catch (VendorException ex)
        {
            return ex.Error;
        }
    }

    /// <summary>
    /// The answer's records page by page. WebFones does not promise any order, so a record not read yet may be older
    /// than every record read so far: a page before the last carries <paramref name="sinceUtc"/> as its watermark (the
    /// cursor stays), and only the last page carries the latest start of the whole answer. A read broken off halfway
    /// thus starts again from the same cursor; what was stored is read again as updates.
    /// </summary>
    public async IAsyncEnumerable<CallPage> ReadSinceAsync(DateTime sinceUtc, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var zone = WebFonesTime.ZoneOf(settings);
        var since = WebFonesTime.AsUtc(sinceUtc);
        var reader = new WebFonesRecordReader(settings, zone);
        var latest = since;
        await foreach (var batch in client.ReadRecordsAfterAsync(WebFonesTime.QueryFrom(since, zone), PageSize, cancellationToken).ConfigureAwait(false))
        {
            var page = reader.ToPage(batch, since);
            latest = page.Watermark > latest ? page.Watermark : latest;
            yield return page with { Watermark = batch.Last ? latest : since };
        }
    }

    public Task<RecordingContent> OpenRecordingAsync(string vendorCallId, RecordingInfo recording, CancellationToken cancellationToken) =>
        client.OpenRecordingAsync(string.IsNullOrEmpty(recording.VendorRecordingId) ? vendorCallId : recording.VendorRecordingId, cancellationToken);
}
