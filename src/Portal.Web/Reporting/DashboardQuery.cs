using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Calls;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Reporting.Rollups;

namespace Portal.Web.Reporting;

/// <summary>
/// Computes a dashboard from the rollups: totals from whole UTC months, days and the hours at the edges of local days
/// (<see cref="RollupPieces"/>), charts from hourly rows; exact percentiles (up to <see cref="ExactPercentileLimit"/> answered
/// calls) read talk times through an index. The two tables of call records (top numbers, unreturned missed calls) come
/// separately from <see cref="LoadCallListsAsync"/>, so the page shows everything else while they load.
/// </summary>
public sealed class DashboardQuery(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    public const int ExactPercentileLimit = 20_000;
    public const int TopNumbersLimit = 10;
    public const int UnreturnedLimit = 100;

    public async Task<DashboardData> LoadAsync(PortalUser user, DashboardFilter filter, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db, await ResolveScopeAsync(db, user, filter, cancellationToken), filter, zone, cancellationToken);
    }

    /// <summary>
    /// What the dashboard page shows first: the filter choices and the figures, on one context with the scope resolved once;
    /// the page then loads the call lists for <see cref="DashboardPageData.Scope"/> (<see cref="LoadCallListsAsync(CallScope, DashboardFilter, TimeZoneInfo, CancellationToken)"/>).
    /// </summary>
    public async Task<DashboardPageData> LoadPageAsync(PortalUser user, DashboardFilter filter, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var choices = await FilterChoices.LoadAsync(db, user, cancellationToken);
        var scope = await ResolveScopeAsync(db, user, filter, cancellationToken);
        return new DashboardPageData(choices, await LoadAsync(db, scope, filter, zone, cancellationToken), scope);
    }

    private static Task<CallScope> ResolveScopeAsync(PortalDbContext db, PortalUser user, DashboardFilter filter, CancellationToken cancellationToken) =>
        CallScope.ResolveAsync(db, user, filter.ConnectionIds, filter.Vendors, filter.Teams, filter.Extensions, filter.Direction, cancellationToken);

    private async Task<DashboardData> LoadAsync(PortalDbContext db, CallScope scope, DashboardFilter filter, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var period = ReportingPeriod.Resolve(filter, zone, clock.GetUtcNow());
        if (scope.IsEmpty)
        {
            return Empty(period);
        }

        var current = await RollupQueries.TotalsAsync(db, scope, period.FromUtc, period.ToUtc, cancellationToken);
        var previous = await RollupQueries.TotalsAsync(db, scope, period.PreviousFromUtc, period.PreviousToUtc, cancellationToken);
        var hours = await HoursAsync(db, scope, period.FromUtc, period.ToUtc, cancellationToken);
        var vendors = await db.Connections.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Vendor, cancellationToken);
        var extensionNames = await db.Extensions.AsNoTracking().Where(e => e.Name != null)
            .Select(e => new { e.Number, e.Name }).ToDictionaryAsync(e => e.Number, e => e.Name, cancellationToken);

        var (volume, callsGrid, missedGrid) = Charts(period, hours);
        return new DashboardData(
            period,
            await KpisAsync(db, scope, current, period.FromUtc, period.ToUtc, cancellationToken),
            await KpisAsync(db, scope, previous, period.PreviousFromUtc, period.PreviousToUtc, cancellationToken),
            volume,
            AnsweredHistogram(current),
            callsGrid,
            missedGrid,
            current.GroupBy(t => t.Outcome).Select(g => new OutcomeCount(g.Key, g.Sum(t => t.Calls))).Where(o => o.Calls > 0).OrderBy(o => o.Outcome).ToList(),
            current.GroupBy(t => vendors.GetValueOrDefault(t.ConnectionId))
                .Select(g => new VendorStats(g.Key, g.Sum(t => t.Calls), Answered(g), g.Where(IsAnswered).Sum(t => t.TalkSeconds)))
                .OrderBy(v => v.Vendor).ToList(),
            current.GroupBy(t => t.Extension)
                .Select(g => new ExtensionStats(g.Key, extensionNames.GetValueOrDefault(g.Key), g.Sum(t => t.Calls), Answered(g),
                    g.Where(t => t.Direction == CallDirection.Inbound).Sum(t => t.Calls), Missed(g), g.Where(IsAnswered).Sum(t => t.TalkSeconds)))
                .OrderByDescending(e => e.Calls).ThenBy(e => e.Extension, StringComparer.Ordinal).ToList(),
            Lists: null);
    }

    /// <summary>The top external numbers and the unreturned missed calls: the widgets that read call records.</summary>
    public async Task<CallLists> LoadCallListsAsync(PortalUser user, DashboardFilter filter, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LoadCallListsAsync(db, await ResolveScopeAsync(db, user, filter, cancellationToken), filter, zone, cancellationToken);
    }

    /// <summary>The call lists for a scope already resolved in this load (<see cref="LoadPageAsync"/>).</summary>
    public async Task<CallLists> LoadCallListsAsync(CallScope scope, DashboardFilter filter, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LoadCallListsAsync(db, scope, filter, zone, cancellationToken);
    }

    private async Task<CallLists> LoadCallListsAsync(PortalDbContext db, CallScope scope, DashboardFilter filter, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var period = ReportingPeriod.Resolve(filter, zone, clock.GetUtcNow());
        if (scope.IsEmpty)
        {
            return CallLists.None;
        }
        var connections = await db.Connections.AsNoTracking().ToDictionaryAsync(c => c.Id, c => (c.Name, c.Vendor), cancellationToken);
        return new CallLists(
            await TopNumbersAsync(db, scope, period, cancellationToken),
            await UnreturnedAsync(db, scope, period, TimeSpan.FromHours(filter.UnreturnedWindowHours), connections, cancellationToken));
    }

    /// <summary>The whole dashboard, call lists included (reports).</summary>
    public async Task<DashboardData> LoadWithCallListsAsync(PortalUser user, DashboardFilter filter, TimeZoneInfo zone, CancellationToken cancellationToken = default) =>
        await LoadAsync(user, filter, zone, cancellationToken) with { Lists = await LoadCallListsAsync(user, filter, zone, cancellationToken) };

    private static DashboardData Empty(ReportingPeriod period) =>
        new(period, CallKpis.None, CallKpis.None, Charts(period, []).Volume, new int[TalkBuckets.UpperBounds.Length], new WeekHourGrid(),
            new WeekHourGrid(), [], [], [], Lists: null);

    /// <summary>Calls per UTC hour: from the grain without extensions unless the scope names extensions.</summary>
    private static async Task<List<HourTotals>> HoursAsync(PortalDbContext db, CallScope scope, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var grain = scope.Extensions is null ? RollupGrain.HourAllExtensions : RollupGrain.Hour;
        return await scope.Apply(db.CallRollups.AsNoTracking())
            .Where(r => r.Grain == grain && r.PeriodUtc >= fromUtc && r.PeriodUtc < toUtc)
            .GroupBy(r => r.PeriodUtc)
            .Select(g => new HourTotals(g.Key,
                g.Sum(r => r.Outcome == CallOutcome.Answered ? r.Calls : 0),
                g.Sum(r => r.Outcome == CallOutcome.Missed ? r.Calls : 0),
                g.Sum(r => r.Outcome == CallOutcome.NotConnected ? r.Calls : 0),
                g.Sum(r => r.Outcome == CallOutcome.Failed ? r.Calls : 0),
                g.Sum(r => r.Outcome == CallOutcome.Unknown ? r.Calls : 0),
                g.Sum(r => r.Direction == CallDirection.Inbound ? r.Calls : 0)))
            .ToListAsync(ct);
    }

    private static (List<VolumeBucket> Volume, WeekHourGrid Calls, WeekHourGrid Missed) Charts(ReportingPeriod period, List<HourTotals> hours)
    {
        var buckets = period.Buckets().ToDictionary(b => b, b => new HourTotals(b, 0, 0, 0, 0, 0, 0));
        var calls = new WeekHourGrid();
        var missed = new WeekHourGrid();
        foreach (var hour in hours)
        {
            var utc = DateTime.SpecifyKind(hour.HourUtc, DateTimeKind.Utc);
            var key = period.BucketOf(utc);
            if (buckets.TryGetValue(key, out var sum))
            {
                buckets[key] = sum with
                {
                    Answered = sum.Answered + hour.Answered, Missed = sum.Missed + hour.Missed, NotConnected = sum.NotConnected + hour.NotConnected,
                    Failed = sum.Failed + hour.Failed, Unknown = sum.Unknown + hour.Unknown, Inbound = sum.Inbound + hour.Inbound,
                };
            }
            var local = period.ToLocal(utc);
            calls.Add(local, hour.Calls);
            missed.Add(local, hour.Missed);
        }
        var volume = buckets.Values.OrderBy(b => b.HourUtc)
            .Select(b => new VolumeBucket(b.HourUtc, b.Answered, b.Missed, b.NotConnected, b.Failed, b.Unknown, b.Inbound)).ToList();
        return (volume, calls, missed);
    }

    private static async Task<CallKpis> KpisAsync(PortalDbContext db, CallScope scope, List<RollupTotals> totals, DateTime fromUtc, DateTime toUtc,
        CancellationToken ct)
    {
        var answered = Answered(totals);
        double? median, p90;
        var estimated = answered > ExactPercentileLimit;
        if (estimated)
        {
            var histogram = AnsweredHistogram(totals);
            (median, p90) = (TalkPercentiles.Estimate(histogram, 0.5), TalkPercentiles.Estimate(histogram, 0.9));
        }
        else
        {
            var talk = answered == 0 ? [] : await scope.Apply(db.Calls.AsNoTracking())
                .Where(c => c.Outcome == CallOutcome.Answered && c.StartedAtUtc >= fromUtc && c.StartedAtUtc < toUtc)
                .Select(c => c.DurationSeconds).ToArrayAsync(ct);
            Array.Sort(talk);
            (median, p90) = (TalkPercentiles.Exact(talk, 0.5), TalkPercentiles.Exact(talk, 0.9));
        }
        var ringCalls = totals.Sum(t => t.RingCalls);
        return new CallKpis(
            Total: totals.Sum(t => t.Calls),
            Inbound: Count(totals, CallDirection.Inbound),
            Outbound: Count(totals, CallDirection.Outbound),
            Internal: Count(totals, CallDirection.Internal),
            Answered: answered,
            Missed: Missed(totals),
            TotalTalkSeconds: totals.Sum(t => t.TalkSeconds),
            AverageTalkSeconds: answered == 0 ? null : (double)totals.Where(IsAnswered).Sum(t => t.TalkSeconds) / answered,
            MedianTalkSeconds: median,
            P90TalkSeconds: p90,
            PercentilesEstimated: estimated,
            AverageRingSeconds: ringCalls == 0 ? null : (double)totals.Sum(t => t.RingSeconds) / ringCalls);
    }

    private static async Task<List<NumberStats>> TopNumbersAsync(PortalDbContext db, CallScope scope, ReportingPeriod period, CancellationToken ct)
    {
        var top = await scope.Apply(db.Calls.AsNoTracking())
            .Where(c => c.StartedAtUtc >= period.FromUtc && c.StartedAtUtc < period.ToUtc && c.ExternalNumber != null)
            .GroupBy(c => c.ExternalNumber!)
            .Select(g => new
            {
                Number = g.Key,
                Name = g.Max(c => c.ExternalName),
                Calls = g.Count(),
                Inbound = g.Count(c => c.Direction == CallDirection.Inbound),
                Missed = g.Count(c => c.Outcome == CallOutcome.Missed),
                Last = g.Max(c => c.StartedAtUtc),
            })
            .OrderByDescending(n => n.Calls).ThenBy(n => n.Number)
            .Take(TopNumbersLimit)
            .ToListAsync(ct);
        return top.Select(n => new NumberStats(n.Number, n.Name, n.Calls, n.Inbound, n.Missed, n.Last)).ToList();
    }

    private async Task<UnreturnedMissedCalls> UnreturnedAsync(PortalDbContext db, CallScope scope, ReportingPeriod period, TimeSpan window,
        Dictionary<int, (string Name, VendorKind Vendor)> connections, CancellationToken ct)
    {
        if (scope.Direction is not (null or CallDirection.Inbound))
        {
            return new UnreturnedMissedCalls([], false);
        }
        var windowSeconds = (int)window.TotalSeconds;
        var rows = await scope.Apply(db.Calls.AsNoTracking())
            .Where(c => c.Direction == CallDirection.Inbound && c.Outcome == CallOutcome.Missed && c.ExternalNumber != null
                && c.StartedAtUtc >= period.FromUtc && c.StartedAtUtc < period.ToUtc)
            .Where(c => !db.Calls.Any(a => a.ExternalNumber == c.ExternalNumber && a.Outcome == CallOutcome.Answered
                && a.StartedAtUtc > c.StartedAtUtc && a.StartedAtUtc <= c.StartedAtUtc.AddSeconds(windowSeconds)))
            .OrderBy(c => c.StartedAtUtc).ThenBy(c => c.Id)
            .Take(UnreturnedLimit + 1)
            .Select(c => new { c.Id, c.StartedAtUtc, c.ExternalNumber, c.ExternalName, c.Extension, c.ConnectionId })
            .ToListAsync(ct);
        var calls = rows.Take(UnreturnedLimit)
            .Select(c => new UnreturnedMissedCall(c.Id, c.StartedAtUtc, c.ExternalNumber!, c.ExternalName, c.Extension,
                connections.TryGetValue(c.ConnectionId, out var connection) ? connection.Name : "", connection.Vendor,
                WindowOpen: DateTime.SpecifyKind(c.StartedAtUtc, DateTimeKind.Utc) + window > clock.GetUtcNow().UtcDateTime))
            .ToList();
        return new UnreturnedMissedCalls(calls, rows.Count > UnreturnedLimit);
    }

    private static int[] AnsweredHistogram(IEnumerable<RollupTotals> totals)
    {
        var histogram = new int[TalkBuckets.UpperBounds.Length];
        foreach (var row in totals.Where(IsAnswered))
        {
            for (var bucket = 0; bucket < histogram.Length; bucket++)
            {
                histogram[bucket] += row.TalkBucket(bucket);
            }
        }
        return histogram;
    }

    private static bool IsAnswered(RollupTotals t) => t.Outcome == CallOutcome.Answered;
    private static int Answered(IEnumerable<RollupTotals> totals) => totals.Where(IsAnswered).Sum(t => t.Calls);
    private static int Missed(IEnumerable<RollupTotals> totals) => totals.Where(t => t.Outcome == CallOutcome.Missed).Sum(t => t.Calls);
    private static int Count(IEnumerable<RollupTotals> totals, CallDirection direction) => totals.Where(t => t.Direction == direction).Sum(t => t.Calls);
}

/// <summary>What one dashboard load shows first, and the scope (who sees which calls) it resolved, for the call lists that follow.</summary>
public sealed record DashboardPageData(FilterChoices Choices, DashboardData Data, CallScope Scope);
