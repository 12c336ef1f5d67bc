using System.Data.Common;
using Portal.Web.Reporting.Rollups;

namespace Portal.Web.Data.CallStore;

/// <summary>
/// Adds a batch's <see cref="RollupDelta"/> of one connection to the rollup rows. A row that loses calls exists (the rollups are
/// exact), so those rows are updated in place, up to <see cref="LossesPerStatement"/> in one statement (a delete of 2,000 calls
/// changes thousands of rows over the four grains); the others are upserted one by one. Rows left with no call are removed,
/// with one ranged statement per grain over the periods that lost calls (no other row is ever left at zero, so the range
/// finds only those).
/// </summary>
internal static class RollupWriter
{
    private static readonly string[] TalkColumns = [.. Enumerable.Range(0, TalkBuckets.UpperBounds.Length).Select(b => "Talk" + b)];

    /// <summary>Rows one subtracting statement changes (SQLite allows 500 terms in a compound SELECT).</summary>
    private const int LossesPerStatement = 400;

    public static async Task WriteAsync(DbConnection connection, DbTransaction transaction, int connectionId, RollupDelta delta, CancellationToken ct)
    {
        var changes = delta.NonZero().ToList();
        await using (var add = new SqlCommand(connection, transaction, CallStoreSql.AddToRollup))
        {
            foreach (var (key, sums) in changes.Where(c => c.Sums.Calls >= 0))
            {
                await Bind(add, "", key, sums).Set("ConnectionId", connectionId).ExecuteAsync(ct);
            }
        }
        var losses = changes.Where(c => c.Sums.Calls < 0).ToList();
        foreach (var chunk in losses.Chunk(LossesPerStatement))
        {
            await using var subtract = new SqlCommand(connection, transaction, CallStoreSql.SubtractFromRollups(chunk.Length));
            subtract.Set("ConnectionId", connectionId);
            for (var row = 0; row < chunk.Length; row++)
            {
                Bind(subtract, row.ToString(System.Globalization.CultureInfo.InvariantCulture), chunk[row].Key, chunk[row].Sums);
            }
            await subtract.ExecuteAsync(ct);
        }
        await using var deleteEmpty = new SqlCommand(connection, transaction, CallStoreSql.DeleteEmptyRollups);
        foreach (var grain in losses.GroupBy(l => l.Key.Grain))
        {
            await deleteEmpty.Set("ConnectionId", connectionId).Set("Grain", (int)grain.Key)
                .Set("FromUtc", grain.Min(l => l.Key.PeriodUtc)).Set("ToUtc", grain.Max(l => l.Key.PeriodUtc)).ExecuteAsync(ct);
        }
    }

    /// <summary>A key's and its sums' parameters, each name followed by <paramref name="suffix"/>.</summary>
    private static SqlCommand Bind(SqlCommand command, string suffix, RollupKey key, RollupSums sums)
    {
        command.Set("Grain" + suffix, (int)key.Grain).Set("PeriodUtc" + suffix, key.PeriodUtc).Set("Extension" + suffix, key.Extension)
            .Set("Direction" + suffix, (int)key.Direction).Set("Outcome" + suffix, (int)key.Outcome)
            .Set("Calls" + suffix, (int)sums.Calls).Set("TalkSeconds" + suffix, sums.TalkSeconds).Set("RingSeconds" + suffix, sums.RingSeconds)
            .Set("RingCalls" + suffix, (int)sums.RingCalls);
        for (var bucket = 0; bucket < sums.CallsByTalkBucket.Length; bucket++)
        {
            command.Set(TalkColumns[bucket] + suffix, (int)sums.CallsByTalkBucket[bucket]);
        }
        return command;
    }
}
