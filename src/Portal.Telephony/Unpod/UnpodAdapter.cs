using System.Runtime.CompilerServices;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Unpod;

/// <summary>
/// Unpod call logs: reads the closed window <c>[since, now)</c> on creation_time, page by page
/// (pages = ceil(count / page_size), recomputed from every answer). The order of records is not documented, so a
/// page's watermark moves to the window's end only with the last page.
/// </summary>
internal sealed class UnpodAdapter(UnpodClient client, VendorConnectionSettings settings, TimeProvider clock, int pageSize) : ICallRecordSource
{
    /// <summary>What the portal asks for; the emulator allows up to 100 (Unpod documents no maximum).</summary>
    public const int DefaultPageSize = 100;

    public VendorKind Vendor => VendorKind.Unpod;

    public async Task<VendorError?> TestConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = Microseconds(clock.GetUtcNow().UtcDateTime, roundUp: false);
            await client.GetCallLogsAsync(1, 1, now.AddMinutes(-1), now, cancellationToken);
            return null;
        }
        catch (VendorException ex)
        {
            return ex.Error;
        }
    }

    public async IAsyncEnumerable<CallPage> ReadSinceAsync(DateTime sinceUtc, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var since = Microseconds(DateTime.SpecifyKind(sinceUtc.Kind == DateTimeKind.Local ? sinceUtc.ToUniversalTime() : sinceUtc, DateTimeKind.Utc), roundUp: true);
        var now = Microseconds(clock.GetUtcNow().UtcDateTime, roundUp: false);
        if (since >= now)
        {
            yield break;
        }
        for (var page = 1; ; page++)
        {
            var answer = await client.GetCallLogsAsync(page, pageSize, since, now, cancellationToken);
            var (calls, skipped) = RecordMapping.Split(answer.Records.Select(raw => RecordMapping.MapOne(raw, "id", () => UnpodCallMapper.Map(raw, settings))));
            var pages = (answer.Count + pageSize - 1) / pageSize;
            var lastPage = page >= pages || answer.Records.Count == 0;
            yield return new CallPage(calls, skipped, lastPage ? now : since);
            if (lastPage)
            {
                yield break;
            }
        }
    }

    private static DateTime Microseconds(DateTime utc, bool roundUp)
    {
        const long ticksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;
        var remainder = utc.Ticks % ticksPerMicrosecond;
        var ticks = utc.Ticks - remainder + (roundUp && remainder > 0 ? ticksPerMicrosecond : 0);
        return new DateTime(ticks, DateTimeKind.Utc);
    }
}
