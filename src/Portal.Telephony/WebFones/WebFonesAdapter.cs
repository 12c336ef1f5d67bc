using System.Runtime.CompilerServices;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.WebFones;

/// <summary>
/// WebFones Call Log Access 3.0/3.1: call records after a zone-less local timestamp (no paging: one request per
/// read), and recordings (3.1). Times are read in the connection's time zone.
/// </summary>
internal sealed class WebFonesAdapter(WebFonesClient client, VendorConnectionSettings settings, TimeProvider clock)
    : ICallRecordSource, IRecordingSource
{
    public VendorKind Vendor => VendorKind.WebFones;

    /// <summary>Asks for the records after "now": one cheap request that proves the zone, the key and the URL.</summary>
    public async Task<VendorError?> TestConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var zone = WebFonesTime.ZoneOf(settings);
            var now = clock.GetUtcNow().UtcDateTime;
            using var document = await client.GetRecordsAfterAsync(WebFonesTime.ToLocalText(now, zone), cancellationToken).ConfigureAwait(false);
            new WebFonesRecordReader(settings, zone).ToPage(document.RootElement, now);
            return null;
        }
        catch (VendorException ex)
        {
            return ex.Error;
        }
    }

    public async IAsyncEnumerable<CallPage> ReadSinceAsync(DateTime sinceUtc, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var zone = WebFonesTime.ZoneOf(settings);
        var since = WebFonesTime.AsUtc(sinceUtc);
        using var document = await client.GetRecordsAfterAsync(WebFonesTime.QueryFrom(since, zone), cancellationToken).ConfigureAwait(false);
        yield return new WebFonesRecordReader(settings, zone).ToPage(document.RootElement, since);
    }

    public Task<RecordingContent> OpenRecordingAsync(string vendorCallId, RecordingInfo recording, CancellationToken cancellationToken) =>
        client.OpenRecordingAsync(string.IsNullOrEmpty(recording.VendorRecordingId) ? vendorCallId : recording.VendorRecordingId, cancellationToken);
}
