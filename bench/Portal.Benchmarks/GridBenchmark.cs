using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Calls;
using Portal.Web.Auth;
using Portal.Web.Reporting;

namespace Portal.Benchmarks;

/// <summary>
/// Record-browser pages over N calls: for a set of filter combinations, the portal's search (rows plus total, the total
/// from the rollups where the filter allows) against, in the same run, the naive page: the same rows plus COUNT(*) over the calls.
/// </summary>
internal static class GridBenchmark
{
    private const int Runs = 10;
    internal static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static async Task<int> RunAsync(string[] args)
    {
        var count = int.Parse(BenchDatabase.Option(args, "--records") ?? "1000000", CultureInfo.InvariantCulture);
        await using var database = await BenchDatabase.OpenAsync(args, count);
        var search = new CallSearch(database.Contexts, new BenchDatabase.FixedClock(database.Now));
        var cases = await CasesAsync(database);
        Console.WriteLine();
        Console.WriteLine("| page (50 rows) | total | portal: median ms | portal: p95 ms | naive: median ms | ratio (naive / portal) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var all = new List<double>();
        var allNaive = new List<double>();
        foreach (var (name, filter, user, sort, descending, page) in cases)
        {
            var portal = await MeasureAsync(() => search.SearchAsync(user, filter, Zone, sort, descending, page, 50));
            var naive = await MeasureAsync(async () =>
            {
                // A text without words filters nothing but makes the total a COUNT(*) over the calls.
                var naiveFilter = filter with { Text = filter.Text ?? " " };
                var rows = await search.SearchAsync(user, naiveFilter, Zone, sort, descending, page, 50);
                return rows with { Total = await search.CountAsync(user, naiveFilter, Zone) };
            });
            if (portal.Result.Total != naive.Result.Total || !portal.Result.Rows.Select(r => r.Id).SequenceEqual(naive.Result.Rows.Select(r => r.Id)))
            {
                throw new InvalidOperationException($"{name}: the two paths disagree ({portal.Result.Total} vs {naive.Result.Total}).");
            }
            all.AddRange(portal.Times);
            allNaive.AddRange(naive.Times);
            Console.WriteLine($"| {name} | {portal.Result.Total:N0} | {Percentile(portal.Times, 0.5):F1} | {Percentile(portal.Times, 0.95):F1} | {Percentile(naive.Times, 0.5):F1} | {Percentile(naive.Times, 0.5) / Percentile(portal.Times, 0.5):F1} |");
        }
        Console.WriteLine($"| **all pages** | | {Percentile(all, 0.5):F1} | **{Percentile(all, 0.95):F1}** | {Percentile(allNaive, 0.5):F1} | {Percentile(allNaive, 0.95) / Percentile(all, 0.95):F1} (p95) |");
        Console.WriteLine("target: p95 < 100 ms");
        return 0;
    }

    /// <summary>The record browser's typical pages: ranges, filters, sorts, a team lead, a number, a word in transcripts.</summary>
    internal static async Task<GridCase[]> CasesAsync(BenchDatabase database)
    {
        var supervisor = new PortalUser("s", "Supervisor", [PortalRoles.Supervisor], []);
        var teamLead = new PortalUser("t", "Team lead", [PortalRoles.Supervisor], ["team-1"]);
        string someNumber;
        await using (var db = database.Contexts.CreateDbContext())
        {
            someNumber = (await db.Calls.OrderByDescending(c => c.Id).Select(c => c.ExternalNumber).FirstAsync())!;
        }
        DashboardFilter Range(DateRangePreset range) => new() { Range = range };
        return
        [
            new("last 7 days, newest first", new() { Dashboard = Range(DateRangePreset.Last7Days) }, supervisor, CallSort.Time, true, 0),
            new("last 30 days, inbound, missed", new() { Dashboard = Range(DateRangePreset.Last30Days) with { Direction = CallDirection.Inbound }, Outcomes = [CallOutcome.Missed] }, supervisor, CallSort.Time, true, 0),
            new("last 90 days, page 20", new() { Dashboard = Range(DateRangePreset.Last90Days) }, supervisor, CallSort.Time, true, 20),
            new("last 12 months, newest first", new() { Dashboard = Range(DateRangePreset.Last12Months) }, supervisor, CallSort.Time, true, 0),
            new("last 12 months, oldest first", new() { Dashboard = Range(DateRangePreset.Last12Months) }, supervisor, CallSort.Time, false, 0),
            new("last 12 months, team lead", new() { Dashboard = Range(DateRangePreset.Last12Months) }, teamLead, CallSort.Time, true, 0),
            new("last 90 days, two extensions, by talk time", new() { Dashboard = Range(DateRangePreset.Last90Days) with { Extensions = ["101", "102"] } }, supervisor, CallSort.Talk, true, 0),
            new("last 7 days, by talk time", new() { Dashboard = Range(DateRangePreset.Last7Days) }, supervisor, CallSort.Talk, true, 0),
            new("last 12 months, one number", new() { Dashboard = Range(DateRangePreset.Last12Months), Search = someNumber }, supervisor, CallSort.Time, true, 0),
            new("last 7 days, part of a number", new() { Dashboard = Range(DateRangePreset.Last7Days), Search = "4930123" }, supervisor, CallSort.Time, true, 0),
            new("last 30 days, talk 1–5 min, one connection", new() { Dashboard = Range(DateRangePreset.Last30Days) with { ConnectionIds = [2] }, MinTalkSeconds = 60, MaxTalkSeconds = 300 }, supervisor, CallSort.Time, true, 0),
            new("last 90 days, a word in transcripts", new() { Dashboard = Range(DateRangePreset.Last90Days), Text = "invoice" }, supervisor, CallSort.Time, true, 0),
        ];
    }

    internal static double Percentile(List<double> times, double p)
    {
        var sorted = times.Order().ToList();
        return sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
    }

    private static async Task<(List<double> Times, CallPageResult Result)> MeasureAsync(Func<Task<CallPageResult>> load)
    {
        var result = await load(); // warm-up
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            result = await load();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return (times, result);
    }
}

/// <summary>One record-browser page: a filter seen by a user, sorted, one page of 50 rows.</summary>
internal sealed record GridCase(string Name, CallFilter Filter, PortalUser User, CallSort Sort, bool Descending, int Page);
