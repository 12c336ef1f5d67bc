using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Calls;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Reporting;

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
        var count = int.Parse(BenchDatabase.Option(args, "--records") ?? "1000000", CultureInfo.InvariantCulture);
        await using var database = await BenchDatabase.OpenAsync(args, count);
        var contexts = database.Contexts;
        var now = database.Now;
        await using (var db = contexts.CreateDbContext())
        {
            Console.WriteLine($"rollup rows: hour {await db.CallRollups.CountAsync(r => r.Grain == RollupGrain.Hour):N0}, " +
                $"day {await db.CallRollups.CountAsync(r => r.Grain == RollupGrain.Day):N0}, " +
                $"hour over all extensions {await db.CallRollups.CountAsync(r => r.Grain == RollupGrain.HourAllExtensions):N0}");
        }

        var query = new DashboardQuery(contexts, new BenchDatabase.FixedClock(now));
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
        Console.WriteLine("| dashboard | calls in range | widgets from rollups: median ms | max ms | call-record tables: median ms | raw scan: median ms | ratio (raw / rollups) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (name, filter, user) in cases)
        {
            if (args.Contains("--sql"))
            {
                Console.WriteLine($"--- {name}"); // --sql: the commands of one load per case, no timing
                await query.LoadWithCallListsAsync(user, filter, zone);
                continue;
            }
            var portal = await MeasureAsync(() => query.LoadAsync(user, filter, zone));
            var lists = await MeasureAsync(async () => (await query.LoadAsync(user, filter, zone)) with { Lists = await query.LoadCallListsAsync(user, filter, zone) });
            var raw = await MeasureAsync(() => RawScan.LoadAsync(contexts, user, filter, zone, now));
            if (ExpectedTotals(portal.Result) != ExpectedTotals(raw.Result))
            {
                throw new InvalidOperationException($"{name}: rollups {ExpectedTotals(portal.Result)} differ from raw scan {ExpectedTotals(raw.Result)}");
            }
            Console.WriteLine($"| {name} | {portal.Result.Current.Total:N0} | {portal.Median:F0} | {portal.Max:F0} | {lists.Median - portal.Median:F0} | {raw.Median:F0} | {raw.Median / portal.Median:F1} |");
        }
        Console.WriteLine("target: all widgets < 150 ms. The raw scan leaves out the unreturned missed calls (the same indexed query on both paths).");
        return 0;
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
}
