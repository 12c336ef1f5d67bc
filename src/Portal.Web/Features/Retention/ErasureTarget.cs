using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;
using Portal.Web.Data.CallStore;

namespace Portal.Web.Features.Retention;

/// <summary>A connection and the region its national numbers are read in.</summary>
public sealed record ConnectionRegion(int ConnectionId, string Region);

/// <summary>
/// What an erasure request covers: the calls of its numbers on every connection, optionally within a time range (by the
/// call's start). A call matches when, on a connection of region R, its external number (E.164) is one of the request's
/// numbers read in R; or the number as the vendor sent it is one of them or equals an entry as typed; or one of its
/// diversion legs has one of them. Unparseable entries match nothing.
/// </summary>
public sealed record ErasureTarget(ErasureNumbers Numbers, IReadOnlyList<ConnectionRegion> Connections, DateTime? FromUtc, DateTime? ToUtc)
{
    /// <summary>Reads the connections' regions and the request's numbers against them.</summary>
    public static async Task<ErasureTarget> ResolveAsync(PortalDbContext db, string numbers, DateTime? fromUtc, DateTime? toUtc, CancellationToken ct)
    {
        var connections = await db.Connections.OrderBy(c => c.Id).Select(c => new ConnectionRegion(c.Id, c.PhoneRegion)).ToListAsync(ct);
        return new ErasureTarget(ErasureNumbers.Parse(numbers, connections.Select(c => c.Region)), connections, fromUtc, toUtc);
    }

    /// <summary>
    /// What the request writes to the erasure ledger (<see cref="ErasureLedger"/>): its numbers in E.164 as read in every region of
    /// its connections, and the end of the range it covers — the request's time, or the range's end when that is earlier
    /// (calls that start after the request are new data).
    /// </summary>
    public (IReadOnlyList<string> E164Numbers, DateTime ToUtc) LedgerEntries(DateTime requestedAtUtc) =>
        (Connections.Select(c => c.Region).Distinct(StringComparer.OrdinalIgnoreCase).SelectMany(Numbers.InRegion).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList(),
         ToUtc is { } to && to < requestedAtUtc ? to : requestedAtUtc);

    /// <summary>The ids of the matching calls (a query: the deletion engine reads it in batches).</summary>
    public IQueryable<long> CallIds(PortalDbContext db)
    {
        var matches = new List<IQueryable<long>>();
        foreach (var group in Connections.GroupBy(c => c.Region.ToUpperInvariant()))
        {
            var e164 = Numbers.InRegion(group.Key).ToArray();
            var asSent = e164.Concat(Numbers.Parseable).Distinct().ToArray();
            if (asSent.Length == 0)
            {
                continue;
            }
            var connectionIds = group.Select(c => c.ConnectionId).ToArray();
            var calls = db.Calls.Where(c => connectionIds.Contains(c.ConnectionId));
            calls = FromUtc is { } from ? calls.Where(c => c.StartedAtUtc >= from) : calls;
            calls = ToUtc is { } to ? calls.Where(c => c.StartedAtUtc < to) : calls;
            matches.Add(calls.Where(c => e164.Contains(c.ExternalNumber!) || asSent.Contains(c.ExternalNumberOriginal!)).Select(c => c.Id));
            matches.AddRange(e164.Select(CallHistoryJson.NumberFragment)
                .Select(leg => calls.Where(c => c.HistoryJson != null && c.HistoryJson.Contains(leg)).Select(c => c.Id)));
        }
        return matches.Count == 0 ? db.Calls.Where(_ => false).Select(c => c.Id) : matches.Aggregate((all, next) => all.Union(next));
    }
}
