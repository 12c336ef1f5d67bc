using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Reporting;

namespace Portal.Benchmarks;

/// <summary>
/// A retention delete at scale: N calls (every tenth with a transcript) through the ingest path, then the oldest
/// 5/6 of them (1,000,000 of 1,200,000) deleted through the portal's deletion engine while another task reads
/// record-browser pages without pause. In the same run, the same pages read before the delete are the idle baseline.
/// Prints the delete's time, its write transactions' max and p95, the page p95 during the delete against idle, and the
/// space the incremental vacuum gave back.
/// </summary>
internal static class DeleteBenchmark
{
    private const int IdleRounds = 5;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = int.Parse(BenchDatabase.Option(args, "--records") ?? "1200000", CultureInfo.InvariantCulture);
        await using var database = await BenchDatabase.OpenCopyAsync(args, count, transcriptEvery: 10);
        var clock = new BenchDatabase.FixedClock(database.Now);
        var search = new CallSearch(database.Contexts, clock);
        var engine = new CallDeletionEngine(database.Contexts, clock);
        var cases = await GridBenchmark.CasesAsync(database);
        DateTime cutoff;
        int stored;
        await using (var db = database.Contexts.CreateDbContext())
        {
            stored = await db.Calls.CountAsync();
            cutoff = await db.Calls.OrderBy(c => c.StartedAtUtc).Select(c => c.StartedAtUtc).Skip(stored * 5 / 6).FirstAsync();
        }

        Task<CallPageResult> Load(int i)
        {
            var page = cases[i % cases.Length];
            return search.SearchAsync(page.User, page.Filter, GridBenchmark.Zone, page.Sort, page.Descending, page.Page, 50);
        }
        for (var i = 0; i < cases.Length; i++)
        {
            await Load(i); // warm-up
        }
        var idle = new List<double>();
        for (var i = 0; i < IdleRounds * cases.Length; i++)
        {
            idle.Add(await TimeAsync(() => Load(i)));
        }

        using var deleting = new CancellationTokenSource();
        var busy = new List<double>();
        var reader = Task.Run(async () =>
        {
            for (var i = 0; !deleting.IsCancellationRequested; i++)
            {
                busy.Add(await TimeAsync(() => Load(i)));
            }
        });
        var transactions = new List<double>();
        var watch = Stopwatch.StartNew();
        var deleted = await engine.DeleteAsync(db => db.Calls.Where(c => c.StartedAtUtc < cutoff).Select(c => c.Id), CallDeletionScope.Calls,
            (batch, _) => { transactions.Add(batch.TransactionTime.TotalMilliseconds); return Task.CompletedTask; }, CancellationToken.None);
        var deleteSeconds = watch.Elapsed.TotalSeconds;
        await deleting.CancelAsync();
        await reader;
        watch.Restart();
        var space = await engine.ReclaimSpaceAsync(CancellationToken.None);
        var vacuumSeconds = watch.Elapsed.TotalSeconds;
        await AssertRollupsCountTheRestAsync(database, stored - deleted);

        var (idleP95, busyP95) = (GridBenchmark.Percentile(idle, 0.95), GridBenchmark.Percentile(busy, 0.95));
        Console.WriteLine();
        Console.WriteLine($"deleted {deleted:N0} of {stored:N0} calls in {transactions.Count:N0} transactions of up to {CallDeletionEngine.DefaultBatchSize:N0}, "
            + $"{transactions.Sum() / 1000:F1} s of them in write transactions (load average {Measure.LoadAverage()})");
        Console.WriteLine($"| total s (delete + vacuum) | write tx max ms | write tx p95 ms | page p95 idle ms | page p95 during delete ms | ratio | pages read during | space reclaimed |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {deleteSeconds + vacuumSeconds:F1} ({deleteSeconds:F1} + {vacuumSeconds:F1}) | {transactions.Max():F0} | {GridBenchmark.Percentile(transactions, 0.95):F0} | {idleP95:F1} | {busyP95:F1} | {busyP95 / idleP95:F1} | {busy.Count:N0} | {Measure.Mb(space.Bytes)} of {Measure.Mb(space.BytesBefore)}{(space.Note is null ? "" : " — " + space.Note)} |");
        Console.WriteLine("targets: total < 60 s, each write transaction < 500 ms, page p95 during the delete < 300 ms and < 5x idle");
        return 0;
    }

    private static async Task<double> TimeAsync(Func<Task> load)
    {
        var watch = Stopwatch.StartNew();
        await load();
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>A cheap check that the rollups still count exactly the calls left (the tests check every row).</summary>
    private static async Task AssertRollupsCountTheRestAsync(BenchDatabase database, long left)
    {
        await using var db = database.Contexts.CreateDbContext();
        var counted = await db.CallRollups.Where(r => r.Grain == RollupGrain.Month).SumAsync(r => (long)r.Calls);
        var calls = await db.Calls.LongCountAsync();
        if (counted != left || calls != left)
        {
            throw new InvalidOperationException($"{calls:N0} calls left and {counted:N0} counted in the rollups; expected {left:N0}.");
        }
    }
}
