using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Calls;
using Portal.Web.Data.Entities;
using Portal.Web.Vendors;
using Portal.Web.Features.Sync.Ingest;

namespace Portal.Benchmarks;

/// <summary>
/// A SQLite database with N generated calls over 12 months on three connections, 40 extensions in four teams
/// (team-0 … team-3), filled through the real ingest path. <c>--database FILE</c> keeps it (and reuses it when it exists);
/// <c>--sql</c> logs each command.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _file;
    private readonly bool _keep;

    private BenchDatabase(string file, bool keep, BenchDbContextFactory contexts, DateTimeOffset now) =>
        (_file, _keep, Contexts, Now) = (file, keep, contexts, now);

    public BenchDbContextFactory Contexts { get; }
    /// <summary>An hour after the newest call.</summary>
    public DateTimeOffset Now { get; }

    public static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    /// <param name="transcriptEvery">Every n-th call gets a transcript (0: none); see <see cref="GeneratedRecords"/>.</param>
    public static async Task<BenchDatabase> OpenAsync(string[] args, int count, int transcriptEvery = 0)
    {
        var kept = Option(args, "--database");
        var file = kept ?? Path.Combine(Path.GetTempPath(), $"portal-bench-{Guid.NewGuid():N}.db");
        var reuse = kept is not null && File.Exists(kept);
        var contexts = new BenchDbContextFactory($"Data Source={file}", args.Contains("--sql"));
        var watch = Stopwatch.StartNew();
        var now = reuse ? await LatestCallAsync(contexts) : await FillAsync(contexts, count, transcriptEvery);
        Console.WriteLine(reuse ? $"reusing {file}" : $"{count:N0} calls ingested in {watch.Elapsed.TotalSeconds:F0} s");
        return new BenchDatabase(file, kept is not null, contexts, now);
    }

    /// <summary>
    /// A throwaway copy of the database, for a benchmark that changes it: with <c>--database FILE</c> the file is filled once
    /// (or reused) and copied; without it the fresh file is itself the throwaway one.
    /// </summary>
    public static async Task<BenchDatabase> OpenCopyAsync(string[] args, int count, int transcriptEvery = 0)
    {
        var database = await OpenAsync(args, count, transcriptEvery);
        if (!database._keep)
        {
            return database;
        }
        await database.DisposeAsync(); // the last connection closes: the WAL is checkpointed into the file
        var copy = Path.Combine(Path.GetTempPath(), $"portal-bench-{Guid.NewGuid():N}.db");
        File.Copy(database._file, copy);
        return new BenchDatabase(copy, false, new BenchDbContextFactory($"Data Source={copy}", args.Contains("--sql")), database.Now);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in _keep ? [] : new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
        return ValueTask.CompletedTask;
    }

    private static async Task<DateTimeOffset> LatestCallAsync(BenchDbContextFactory contexts)
    {
        await using var db = contexts.CreateDbContext();
        return new DateTimeOffset(DateTime.SpecifyKind(await db.Calls.MaxAsync(c => c.StartedAtUtc), DateTimeKind.Utc)).AddHours(1);
    }

    private static async Task<DateTimeOffset> FillAsync(BenchDbContextFactory contexts, int count, int transcriptEvery)
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

        var records = GeneratedRecords.Create(count, transcriptEvery: transcriptEvery);
        var ingestor = new CallIngestor(contexts, TimeProvider.System, BenchLedger.Empty);
        foreach (var calls in records.Select((c, i) => (Connection: 1 + i % 3, Call: c)).GroupBy(x => x.Connection, x => x.Call))
        {
            foreach (var page in calls.Chunk(5_000))
            {
                await ingestor.IngestAsync(calls.Key, page, [], new CursorUpdate(SyncStreams.Records, page[^1].StartedAtUtc), CancellationToken.None);
            }
        }
        return new DateTimeOffset(records.Max(r => r.StartedAtUtc)).AddHours(1);
    }

    public sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
