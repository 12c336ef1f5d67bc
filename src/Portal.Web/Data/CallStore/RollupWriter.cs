using System.Data.Common;
using Portal.Web.Reporting.Rollups;

namespace Portal.Web.Data.CallStore;

/// <summary>
/// Adds a batch's <see cref="RollupDelta"/> of one connection to the rollup rows. A row that loses calls exists (the rollups are
/// exact), so it is updated in place; the others are upserted. Rows left with no call are removed, with one ranged statement
/// per grain over the periods that lost calls (no other row is ever left at zero, so the range finds only those).
/// </summary>
internal static class RollupWriter
{
    private static readonly string[] TalkColumns = [.. Enumerable.Range(0, TalkBuckets.UpperBounds.Length).Select(b => "Talk" + b)];

    public static async Task WriteAsync(DbConnection connection, DbTransaction transaction, int connectionId, RollupDelta delta, CancellationToken ct)
    {
        await using var add = new SqlCommand(connection, transaction, CallStoreSql.AddToRollup);
        await using var subtract = new SqlCommand(connection, transaction, CallStoreSql.SubtractFromRollup);
        var emptied = new Dictionary<Portal.Web.Data.Entities.RollupGrain, (DateTime From, DateTime To)>();
        foreach (var (key, sums) in delta.NonZero())
        {
            var change = sums.Calls < 0 ? subtract : add;
            change.Set("Grain", (int)key.Grain).Set("PeriodUtc", key.PeriodUtc).Set("ConnectionId", connectionId).Set("Extension", key.Extension)
                .Set("Direction", (int)key.Direction).Set("Outcome", (int)key.Outcome)
                .Set("Calls", (int)sums.Calls).Set("TalkSeconds", sums.TalkSeconds).Set("RingSeconds", sums.RingSeconds)
                .Set("RingCalls", (int)sums.RingCalls);
            for (var bucket = 0; bucket < sums.CallsByTalkBucket.Length; bucket++)
            {
                change.Set(TalkColumns[bucket], (int)sums.CallsByTalkBucket[bucket]);
            }
            await change.ExecuteAsync(ct);
            if (sums.Calls < 0)
            {
                emptied[key.Grain] = emptied.TryGetValue(key.Grain, out var range)
                    ? (key.PeriodUtc < range.From ? key.PeriodUtc : range.From, key.PeriodUtc > range.To ? key.PeriodUtc : range.To)
                    : (key.PeriodUtc, key.PeriodUtc);
            }
        }
        await using var deleteEmpty = new SqlCommand(connection, transaction, CallStoreSql.DeleteEmptyRollups);
        foreach (var (grain, (from, to)) in emptied)
        {
            await deleteEmpty.Set("ConnectionId", connectionId).Set("Grain", (int)grain).Set("FromUtc", from).Set("ToUtc", to).ExecuteAsync(ct);
        }
    }
}
