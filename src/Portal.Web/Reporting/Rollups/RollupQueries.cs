using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Reporting;

namespace Portal.Web.Reporting.Rollups;

/// <summary>Reads of the rollups shared by the dashboard and the record browser's counts.</summary>
internal static class RollupQueries
{
    /// <summary>Sums per connection × extension × direction × outcome over [from, to), from the coarsest rollups that fit.</summary>
    public static async Task<List<RollupTotals>> TotalsAsync(PortalDbContext db, CallScope scope, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var rows = scope.Apply(db.CallRollups.AsNoTracking());
        IQueryable<CallRollup>? source = null;
        foreach (var (grain, from, to) in RollupPieces.Of(fromUtc, toUtc))
        {
            var piece = rows.Where(r => r.Grain == grain && r.PeriodUtc >= from && r.PeriodUtc < to);
            source = source is null ? piece : source.Concat(piece);
        }
        if (source is null)
        {
            return [];
        }
        return await source
            .GroupBy(r => new { r.ConnectionId, r.Extension, r.Direction, r.Outcome })
            .Select(g => new RollupTotals(g.Key.ConnectionId, g.Key.Extension, g.Key.Direction, g.Key.Outcome, g.Sum(r => r.Calls),
                g.Sum(r => r.TalkSeconds), g.Sum(r => r.RingSeconds), g.Sum(r => r.RingCalls), g.Sum(r => r.Talk0), g.Sum(r => r.Talk1),
                g.Sum(r => r.Talk2), g.Sum(r => r.Talk3), g.Sum(r => r.Talk4), g.Sum(r => r.Talk5), g.Sum(r => r.Talk6), g.Sum(r => r.Talk7)))
            .ToListAsync(ct);
    }
}
