using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Calls;
using Portal.Web.Auth;
using Portal.Web.Data.Entities;
using Portal.Web.Reporting;
using Portal.Web.Reporting.Rollups;

namespace Portal.Benchmarks;

/// <summary>
/// The baseline: the dashboard's figures from one scan of the call records of the range and of the previous period
/// (tiles with exact percentiles, charts, vendor and extension tables, top numbers). The unreturned missed calls are left
/// out: both paths answer them with the same indexed query.
/// </summary>
internal static class RawScan
{
    private sealed record Row(DateTime StartedAtUtc, int ConnectionId, string? Extension, CallDirection Direction, CallOutcome Outcome,
        int DurationSeconds, int? RingSeconds, string? ExternalNumber);

    public static async Task<DashboardData> LoadAsync(BenchDbContextFactory contexts, PortalUser user, DashboardFilter filter,
        TimeZoneInfo zone, DateTimeOffset now)
    {
        var period = ReportingPeriod.Resolve(filter, zone, now);
        await using var db = contexts.CreateDbContext();
        var scope = await CallScope.ResolveAsync(db, user, filter.ConnectionIds, filter.Vendors, filter.Teams, filter.Extensions, filter.Direction, default);
        var vendors = await db.Connections.ToDictionaryAsync(c => c.Id, c => c.Vendor);
        var rows = await scope.Apply(db.Calls.AsNoTracking())
            .Where(c => c.StartedAtUtc >= period.PreviousFromUtc && c.StartedAtUtc < period.ToUtc)
            .Select(c => new Row(c.StartedAtUtc, c.ConnectionId, c.Extension, c.Direction, c.Outcome, c.DurationSeconds, c.RingSeconds, c.ExternalNumber))
            .ToListAsync();
        var current = rows.Where(r => r.StartedAtUtc >= period.FromUtc).ToList();
        var previous = rows.Where(r => r.StartedAtUtc < period.FromUtc).ToList();

        var buckets = period.Buckets().ToDictionary(b => b, b => new int[6]);
        var calls = new WeekHourGrid();
        var missed = new WeekHourGrid();
        foreach (var row in current)
        {
            var local = period.ToLocal(row.StartedAtUtc);
            var bucket = buckets[period.BucketOf(row.StartedAtUtc)];
            bucket[(int)row.Outcome]++;
            bucket[5] += row.Direction == CallDirection.Inbound ? 1 : 0;
            calls.Add(local, 1);
            missed.Add(local, row.Outcome == CallOutcome.Missed ? 1 : 0);
        }
        var answered = current.Where(r => r.Outcome == CallOutcome.Answered).ToList();
        return new DashboardData(
            period,
            Kpis(current),
            Kpis(previous),
            buckets.OrderBy(b => b.Key).Select(b => new VolumeBucket(b.Key, b.Value[1], b.Value[2], b.Value[3], b.Value[4], b.Value[0], b.Value[5])).ToList(),
            Enumerable.Range(0, 8).Select(b => answered.Count(r => TalkBuckets.Of(r.DurationSeconds) == b)).ToList(),
            calls,
            missed,
            current.GroupBy(r => r.Outcome).OrderBy(g => g.Key).Select(g => new OutcomeCount(g.Key, g.Count())).ToList(),
            current.GroupBy(r => vendors[r.ConnectionId]).OrderBy(g => g.Key).Select(g => new VendorStats(g.Key, g.Count(),
                g.Count(r => r.Outcome == CallOutcome.Answered), g.Where(r => r.Outcome == CallOutcome.Answered).Sum(r => (long)r.DurationSeconds))).ToList(),
            current.GroupBy(r => r.Extension ?? "").Select(g => new ExtensionStats(g.Key, null, g.Count(), g.Count(r => r.Outcome == CallOutcome.Answered),
                    g.Count(r => r.Direction == CallDirection.Inbound), g.Count(r => r.Outcome == CallOutcome.Missed),
                    g.Where(r => r.Outcome == CallOutcome.Answered).Sum(r => (long)r.DurationSeconds)))
                .OrderByDescending(e => e.Calls).ThenBy(e => e.Extension, StringComparer.Ordinal).ToList(),
            new CallLists(current.Where(r => r.ExternalNumber is not null).GroupBy(r => r.ExternalNumber!)
                .Select(g => new NumberStats(g.Key, null, g.Count(), g.Count(r => r.Direction == CallDirection.Inbound),
                    g.Count(r => r.Outcome == CallOutcome.Missed), g.Max(r => r.StartedAtUtc)))
                .OrderByDescending(n => n.Calls).ThenBy(n => n.Number, StringComparer.Ordinal).Take(DashboardQuery.TopNumbersLimit).ToList(),
                new UnreturnedMissedCalls([], false)));
    }

    private static CallKpis Kpis(List<Row> rows)
    {
        var talk = rows.Where(r => r.Outcome == CallOutcome.Answered).Select(r => r.DurationSeconds).Order().ToArray();
        var ring = rows.Where(r => r.RingSeconds is not null).ToList();
        return new CallKpis(rows.Count, rows.Count(r => r.Direction == CallDirection.Inbound), rows.Count(r => r.Direction == CallDirection.Outbound),
            rows.Count(r => r.Direction == CallDirection.Internal), talk.Length, rows.Count(r => r.Outcome == CallOutcome.Missed),
            rows.Sum(r => (long)r.DurationSeconds), talk.Length == 0 ? null : talk.Average(), TalkPercentiles.Exact(talk, 0.5),
            TalkPercentiles.Exact(talk, 0.9), false, ring.Count == 0 ? null : ring.Average(r => (double)r.RingSeconds!.Value));
    }
}
