using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Calls;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Vendors;
using Portal.Web.Features.Sync.Ingest;

namespace Portal.Benchmarks;

/// <summary>
/// Ingest into SQLite through the real upsert path (CallIngestor: upsert, rollups, tombstone check, cursor, pages of
/// 5,000 in one transaction each) against a raw prepared INSERT of the same rows in one transaction, same run.
/// </summary>
internal static class IngestBenchmark
{
    private const int PageSize = 5_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length >= 2 && args[0] == "--records" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
        Console.WriteLine($"Generating {count:N0} records...");
        var records = GeneratedRecords.Create(count);

        var baseline = await MeasureAsync("raw prepared INSERT (baseline)", count, RawInsertAsync, records);
        var portal = await MeasureAsync("portal upsert path (CallIngestor)", count, IngestAsync, records);

        Console.WriteLine();
        Console.WriteLine($"| path | records | seconds | records/s |");
        Console.WriteLine($"|---|---|---|---|");
        Console.WriteLine($"| raw prepared INSERT | {count:N0} | {baseline.TotalSeconds:F2} | {count / baseline.TotalSeconds:N0} |");
        Console.WriteLine($"| CallIngestor upsert | {count:N0} | {portal.TotalSeconds:F2} | {count / portal.TotalSeconds:N0} |");
        Console.WriteLine($"ratio (upsert time / raw time): {portal.TotalSeconds / baseline.TotalSeconds:F2}  (target: <= 3, and >= 50,000 records/s)");
        return 0;
    }

    private static async Task<TimeSpan> MeasureAsync(string name, int count, Func<string, NormalizedCall[], Task> run, NormalizedCall[] records)
    {
        var file = Path.Combine(Path.GetTempPath(), $"portal-bench-{Guid.NewGuid():N}.db");
        try
        {
            var connectionString = $"Data Source={file}";
            var factory = await CreateDatabaseAsync(connectionString);
            GC.Collect();
            var watch = Stopwatch.StartNew();
            await run(connectionString, records);
            watch.Stop();
            await using (var db = factory.CreateDbContext())
            {
                var stored = await db.Calls.CountAsync();
                if (stored != count)
                {
                    throw new InvalidOperationException($"{name}: {stored} rows stored, {count} expected.");
                }
            }
            Console.WriteLine($"{name}: {count:N0} records in {watch.Elapsed.TotalSeconds:F2} s = {count / watch.Elapsed.TotalSeconds:N0} records/s");
            return watch.Elapsed;
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

    private static async Task<IDbContextFactory<PortalDbContext>> CreateDatabaseAsync(string connectionString)
    {
        var factory = new BenchDbContextFactory(connectionString);
        await using var db = factory.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA auto_vacuum = INCREMENTAL; PRAGMA journal_mode = WAL;");
        await db.Database.MigrateAsync();
        db.Connections.Add(new Connection { Id = 1, Name = "bench", Vendor = VendorKind.NfonCallHistory, BaseUrl = "http://localhost/" });
        await db.SaveChangesAsync();
        return factory;
    }

    private static async Task IngestAsync(string connectionString, NormalizedCall[] records)
    {
        var ingestor = new CallIngestor(new BenchDbContextFactory(connectionString), TimeProvider.System, BenchLedger.Empty);
        foreach (var page in records.Chunk(PageSize))
        {
            await ingestor.IngestAsync(1, page, [], new CursorUpdate(SyncStreams.Records, page[^1].StartedAtUtc), CancellationToken.None);
        }
    }

    private static async Task RawInsertAsync(string connectionString, NormalizedCall[] records)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;";
            await pragma.ExecuteNonQueryAsync();
        }
        await using var transaction = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO "Calls" ("ConnectionId", "VendorCallId", "Direction", "Outcome", "VendorStatus", "StartedAtUtc", "AnsweredAtUtc",
                "EndedAtUtc", "DurationSeconds", "RingSeconds", "Extension", "ExtensionName", "ExternalNumber", "ExternalNumberOriginal",
                "ExternalName", "EndReason", "HasTranscript", "HasRecording", "HistoryJson", "RawPayload", "UpdatedAtUtc")
            VALUES (1, $id, $direction, $outcome, $status, $started, $answered, $ended, $duration, $ring, $extension, $extensionName,
                $number, $numberOriginal, $name, $endReason, 0, 0, NULL, $raw, $updated)
            """;
        var p = new Dictionary<string, SqliteParameter>();
        foreach (var name in new[] { "id", "direction", "outcome", "status", "started", "answered", "ended", "duration", "ring", "extension",
                     "extensionName", "number", "numberOriginal", "name", "endReason", "raw", "updated" })
        {
            p[name] = insert.Parameters.Add(new SqliteParameter("$" + name, null));
        }
        insert.Prepare();
        var now = DateTime.UtcNow;
        foreach (var call in records)
        {
            p["id"].Value = call.VendorCallId;
            p["direction"].Value = (int)call.Direction;
            p["outcome"].Value = (int)call.Outcome;
            p["status"].Value = (object?)call.VendorStatus ?? DBNull.Value;
            p["started"].Value = call.StartedAtUtc;
            p["answered"].Value = (object?)call.AnsweredAtUtc ?? DBNull.Value;
            p["ended"].Value = (object?)call.EndedAtUtc ?? DBNull.Value;
            p["duration"].Value = call.DurationSeconds;
            p["ring"].Value = (object?)call.RingSeconds ?? DBNull.Value;
            p["extension"].Value = (object?)call.Extension ?? DBNull.Value;
            p["extensionName"].Value = (object?)call.ExtensionName ?? DBNull.Value;
            p["number"].Value = (object?)call.ExternalNumber ?? DBNull.Value;
            p["numberOriginal"].Value = (object?)call.ExternalNumberOriginal ?? DBNull.Value;
            p["name"].Value = (object?)call.ExternalName ?? DBNull.Value;
            p["endReason"].Value = (object?)call.EndReason ?? DBNull.Value;
            p["raw"].Value = call.RawPayload;
            p["updated"].Value = now;
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }
}
