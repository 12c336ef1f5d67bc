using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Calls;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Dashboards;
using Portal.Web.Features.Sync;
using Portal.Web.Features.Sync.Ingest;

namespace Portal.Benchmarks;

/// <summary>
/// All widgets of one dashboard over N calls spread over 12 months (three connections, 40 extensions in four teams), through
/// the portal's query (rollups) and, in the same run, the same figures computed by one raw scan of the call records.
/// </summary>
internal static class DashboardBenchmark
{
    private const int Runs = 7;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length >= 2 && args[0] == "--records" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var file = Path.Combine(Path.GetTempPath(), $"portal-dashboard-bench-{Guid.NewGuid():N}.db");
        try
        {
            var contexts = new BenchDbContextFactory($"Data Source={file}");
            var watch = Stopwatch.StartNew();
            var now = await FillAsync(contexts, count);
            Console.WriteLine($"{count:N0} calls ingested in {watch.Elapsed.TotalSeconds:F0} s");
            await using (var db = contexts.CreateDbContext())
            {
                Console.WriteLine($"rollup rows: hour {await db.CallRollups.CountAsync(r => r.Grain == RollupGrain.Hour):N0}, " +
                    $"day {await db.CallRollups.CountAsync(r => r.Grain == RollupGrain.Day):N0}, " +
                    $"hour over all extensions {await db.CallRollups.CountAsync(r => r.Grain == RollupGrain.HourAllExtensions):N0}");
            }

            var query = new DashboardQuery(contexts, new FixedClock(now));
            var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
            var supervisor = new PortalUser("s", "Supervisor", [PortalRoles.Supervisor], []);
            var teamLead = new PortalUser("t", "Team lead", [PortalRoles.Supervisor], ["team-1"]);
            var cases = new (string Name, DashboardFilter Filter, PortalUser User)[]
            {
                ("last 90 days", new DashboardFilter { Range = DateRangePreset.Last90Days }, supervisor),
                ("last 12 months", new DashboardFilter { Range = DateRangePreset.Last12Months }, supervisor),
                ("last 12 months, inbound", new DashboardFilter { Range = DateRangePreset.Last12Months, Direction = CallDirection.Inbound }, supervisor),
                ("last 12 months, team lead", new DashboardFilter { Range = DateRangePreset.Last12Months }, teamLead),
            };

            Console.WriteLine();
            Console.WriteLine("| dashboard | calls in range | rollups: median ms | rollups: max ms | raw scan: median ms | ratio (raw / rollups) |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (var (name, filter, user) in cases)
            {
                var portal = await MeasureAsync(() => query.LoadAsync(user, filter, zone));
                var raw = await MeasureAsync(() => RawScan.LoadAsync(contexts, user, filter, zone, now));
                if (ExpectedTotals(portal.Result) != ExpectedTotals(raw.Result))
                {
                    throw new InvalidOperationException($"{name}: rollups {ExpectedTotals(portal.Result)} differ from raw scan {ExpectedTotals(raw.Result)}");
                }
                Console.WriteLine($"| {name} | {portal.Result.Current.Total:N0} | {portal.Median:F0} | {portal.Max:F0} | {raw.Median:F0} | {raw.Median / portal.Median:F1} |");
            }
            Console.WriteLine("target: all widgets < 150 ms");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
        }
    }

    private static (int, int, int, long, string) ExpectedTotals(DashboardData d) =>
        (d.Current.Total, d.Current.Answered, d.Current.Missed, d.Current.TotalTalkSeconds, string.Join(',', d.Extensions.Take(5).Select(e => e.Extension + ":" + e.Calls)));

    private static async Task<(double Median, double Max, DashboardData Result)> MeasureAsync(Func<Task<DashboardData>> load)
    {
        var result = await load(); // warm-up
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            result = await load();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], times[^1], result);
    }

    private static async Task<DateTimeOffset> FillAsync(BenchDbContextFactory contexts, int count)
    {
        await using (var db = contexts.CreateDbContext())
        {
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA auto_vacuum = INCREMENTAL; PRAGMA journal_mode = WAL;");
            await db.Database.MigrateAsync();
            foreach (var vendor in new[] { VendorKind.NfonCallHistory, VendorKind.WebFones, VendorKind.Cinnox })
            {
                db.Connections.Add(new Connection { Name = vendor.ToString(), Vendor = vendor, BaseUrl = "http://localhost/" });
            }
            for (var t = 0; t < 4; t++)
            {
                var team = new Team { Key = $"team-{t}", Name = $"Team {t}" };
                for (var n = 100 + t * 10; n < 110 + t * 10; n++)
                {
                    team.Extensions.Add(new Extension { Number = n.ToString(CultureInfo.InvariantCulture), Name = $"Agent {n}", UpdatedAtUtc = DateTime.UtcNow });
                }
                db.Teams.Add(team);
            }
            await db.SaveChangesAsync();
        }

        var records = GeneratedRecords.Create(count);
        var ingestor = new CallIngestor(contexts, TimeProvider.System);
        foreach (var calls in records.Select((c, i) => (Connection: 1 + i % 3, Call: c)).GroupBy(x => x.Connection, x => x.Call))
        {
            foreach (var page in calls.Chunk(5_000))
            {
                await ingestor.IngestAsync(calls.Key, page, [], new CursorUpdate(SyncStreams.Records, page[^1].StartedAtUtc), CancellationToken.None);
            }
        }
        return new DateTimeOffset(records.Max(r => r.StartedAtUtc)).AddHours(1);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
