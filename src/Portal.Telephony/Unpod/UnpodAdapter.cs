using System.Runtime.CompilerServices;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Unpod;

/// <summary>
/// Unpod call logs: reads the closed window <c>[since, now)</c> on creation_time, page by page
/// (pages = ceil(count / page_size), recomputed from every answer). The order of records is not documented, so a
/// page's watermark moves to the window's end only with the last page. A server that filters by date only (the
/// open-source one) answers a wider window: calls created outside <c>[since, now)</c> are left for the window they belong to.
/// </summary>
internal sealed class UnpodAdapter(UnpodClient client, VendorConnectionSettings settings, TimeProvider clock, int pageSize) : ICallRecordSource
{
    /// <summary>What the portal asks for; the emulator allows up to 100 (Unpod documents no maximum).</summary>
    public const int DefaultPageSize = 100;

    public VendorKind Vendor => VendorKind.Unpod;

    /// <summary>
    /// One call of the whole history. None at all is a warning: Unpod answers an unknown organisation handle with 200 and no
    /// calls (not 403), so "no calls" may mean a wrong handle.
    /// </summary>
    public async Task<VendorError?> TestConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var answer = await client.GetCallLogsAsync(1, 1, window: null, cancellationToken);
            return answer.Count > 0 || answer.Records.Count > 0
                ? null
                : new VendorError(VendorKind.Unpod, VendorErrorKind.NoData,
                    $"No calls found for this organisation handle ('{settings.Secret(VendorSecrets.OrgHandle)}'). Unpod accepted the token, but it answers " +
                    "an unknown handle the same way as an organisation without calls: check the handle against GET /api/v2/platform/organizations/.");
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
            var answer = await client.GetCallLogsAsync(page, pageSize, (since, now), cancellationToken);
            var (mapped, skipped) = RecordMapping.Split(answer.Records.Select(raw => RecordMapping.MapOne(raw, "id", () => UnpodCallMapper.Map(raw, settings))));
            // The server filters by whole days: keep only the calls of the window asked for.
            var calls = mapped.Where(call => call.StartedAtUtc >= since && call.StartedAtUtc < now).ToList();
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
