using System.Runtime.CompilerServices;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Cinnox;

/// <summary>How the adapter reads: page size (CINNOX allows at most 500) and the length of each closed time window.</summary>
internal sealed record CinnoxReadOptions(int PageSize, TimeSpan Window)
{
    public static CinnoxReadOptions Default { get; } = new(CinnoxClient.MaxLimit, TimeSpan.FromDays(1));
}

/// <summary>
/// CINNOX call-detail: reads closed windows <c>[since, now)</c>, one day at a time, each paged with offset/limit until
/// a page has fewer than limit records. The order inside a window is not documented, so a page's watermark moves to
/// the end of its window only with the window's last page.
/// </summary>
internal sealed class CinnoxAdapter(CinnoxClient client, VendorConnectionSettings settings, TimeProvider clock, CinnoxReadOptions options)
    : ICallRecordSource, IRecordingSource
{
    public VendorKind Vendor => VendorKind.Cinnox;

    public async Task<VendorError?> TestConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = Milliseconds(clock.GetUtcNow().UtcDateTime, roundUp: false);
            await client.GetCallDetailsAsync(now.AddMinutes(-1), now, 0, 1, cancellationToken);
            return null;
        }
        catch (VendorException ex)
        {
            return ex.Error;
        }
    }

    public async IAsyncEnumerable<CallPage> ReadSinceAsync(DateTime sinceUtc, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Boundaries in whole milliseconds (the precision of RFC 3339 as CINNOX writes it), shared by adjacent windows.
        var since = Milliseconds(DateTime.SpecifyKind(sinceUtc.Kind == DateTimeKind.Local ? sinceUtc.ToUniversalTime() : sinceUtc, DateTimeKind.Utc), roundUp: true);
        var now = Milliseconds(clock.GetUtcNow().UtcDateTime, roundUp: false);
        for (var windowStart = since; windowStart < now;)
        {
            var windowEnd = now - windowStart > options.Window ? windowStart + options.Window : now;
            for (var offset = 0; ; offset += options.PageSize)
            {
                var records = await client.GetCallDetailsAsync(windowStart, windowEnd, offset, options.PageSize, cancellationToken);
                var (calls, skipped) = RecordMapping.Split(records.Select(raw => RecordMapping.MapOne(raw, "id", () => CinnoxCallMapper.Map(raw, settings))));
                var lastPage = records.Count < options.PageSize;
                yield return new CallPage(calls, skipped, lastPage ? windowEnd : windowStart);
                if (lastPage)
                {
                    break;
                }
            }
            windowStart = windowEnd;
        }
    }

    public Task<RecordingContent> OpenRecordingAsync(string vendorCallId, RecordingInfo recording, CancellationToken cancellationToken) =>
        recording.DownloadUrl is { } url
            ? client.OpenRecordingAsync(url, cancellationToken)
            : throw new VendorException(new VendorError(VendorKind.Cinnox, VendorErrorKind.Rejected,
                $"CINNOX gave no download URL for recording {recording.VendorRecordingId} of call {vendorCallId}."));

    private static DateTime Milliseconds(DateTime utc, bool roundUp)
    {
        var remainder = utc.Ticks % TimeSpan.TicksPerMillisecond;
        var ticks = utc.Ticks - remainder + (roundUp && remainder > 0 ? TimeSpan.TicksPerMillisecond : 0);
        return new DateTime(ticks, DateTimeKind.Utc);
    }
}
