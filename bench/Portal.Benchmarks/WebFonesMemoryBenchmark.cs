using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Sandbox.Vendors.WebFones;
using Portal.Telephony;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;
using Portal.Telephony.Http;
using Portal.Web.Data.Entities;
using Portal.Web.Vendors;
using Portal.Web.Features.Sync.Ingest;

namespace Portal.Benchmarks;

/// <summary>
/// N WebFones records ingested through the real adapter (HTTP, streaming reader, mapping) and the real ingest path
/// (CallIngestor into SQLite, the cursor moved as the sync worker moves it): once as a single answer of all N records (what
/// WebFones sends after a long pause: it has no paging) and, in the same run, as answers of at most 5,000 records, the
/// timestamp moved forward after each (the baseline: what a paging vendor would cost). The answers come from a loopback
/// server that writes the emulator's record format as it goes (the sandbox's emulator keeps its whole history in memory,
/// which would be measured too). Peak memory as in <see cref="Measure"/>.
/// </summary>
internal static class WebFonesMemoryBenchmark
{
    private const int PageSize = 5_000;
    private static readonly DateTime First = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync(string[] args)
    {
        var count = int.Parse(BenchDatabase.Option(args, "--records") ?? "1000000", CultureInfo.InvariantCulture);
        var answerLimit = count; // changed between the runs: how many records one answer holds at most
        await using var vendor = await StartVendorAsync(count, () => answerLimit);
        using var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddTelephony()
            .Configure<VendorNetworkOptions>(options => options.AllowPrivateNetworks = true) // the vendor is on loopback
            .BuildServiceProvider();
        var settings = new VendorConnectionSettings(VendorKind.WebFones, new Uri(vendor.Address, WebFonesSandbox.BasePath),
            new Dictionary<string, string> { [VendorSecrets.ApiKey] = WebFonesSandbox.ApiKey }, WebFonesSandbox.PhoneRegion);
        var source = (ICallRecordSource)services.GetRequiredService<VendorAdapters>().Create(settings);
        Console.WriteLine($"{count:N0} WebFones records; GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, load average {Measure.LoadAverage()}");

        // Warm-up, not measured: the first read pays for JIT compilation, the phone number metadata and EF Core's model.
        answerLimit = 2 * PageSize;
        await RunIntoNewDatabaseAsync("warm-up", answerLimit, ingest => ingest.ReadAsync(source, First.AddDays(-1)));
        answerLimit = count;
        var single = await RunIntoNewDatabaseAsync($"one answer of {count:N0} records", count, ingest => ingest.ReadAsync(source, First.AddDays(-1)));
        answerLimit = PageSize;
        var paged = await RunIntoNewDatabaseAsync($"answers of {PageSize:N0} records (baseline)", count, async ingest =>
        {
            var since = First.AddDays(-1);
            while (true)
            {
                var read = await ingest.ReadAsync(source, since);
                if (read < PageSize)
                {
                    return;
                }
                since = ingest.Watermark!.Value; // the next answer starts with the last record again (WebFones: "after", less a second)
            }
        });

        Console.WriteLine();
        Console.WriteLine("| path | records | seconds | CPU seconds | peak extra managed heap | after a collection | peak extra working set | allocated |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var m in new[] { single, paged })
        {
            Console.WriteLine($"| {m.Name} | {m.Rows:N0} | {m.Seconds:F1} | {m.CpuSeconds:F1} | {Measure.Mb(m.PeakHeap)} | {Measure.Mb(m.PeakHeapAfterCollection)} | " +
                $"{Measure.Mb(m.PeakWorkingSet)} | {Measure.Mb(m.Allocated)} |");
        }
        Console.WriteLine($"ratio one answer / answers of {PageSize:N0}: peak extra managed heap {(double)single.PeakHeap / paged.PeakHeap:F2}×, " +
            $"after a collection {(double)single.PeakHeapAfterCollection / paged.PeakHeapAfterCollection:F2}×, " +
            $"working set {(double)single.PeakWorkingSet / paged.PeakWorkingSet:F2}×; load average after: {Measure.LoadAverage()}");
        Console.WriteLine("target: one answer of 1,000,000 records < 200 MB peak extra managed heap, and within 1.5× of the paged run");
        return 0;
    }

    /// <summary>Runs <paramref name="run"/> against a fresh SQLite file and checks that the first <paramref name="count"/> records arrived, once.</summary>
    private static async Task<Measure> RunIntoNewDatabaseAsync(string name, int count, Func<Ingest, Task> run)
    {
        var file = Path.Combine(Path.GetTempPath(), $"portal-webfones-bench-{Guid.NewGuid():N}.db");
        try
        {
            var contexts = new BenchDbContextFactory($"Data Source={file}");
            await using (var db = contexts.CreateDbContext())
            {
                await db.Database.OpenConnectionAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA auto_vacuum = INCREMENTAL; PRAGMA journal_mode = WAL;");
                await db.Database.MigrateAsync();
                db.Connections.Add(new Connection { Id = 1, Name = "WebFones", Vendor = VendorKind.WebFones, BaseUrl = "http://localhost/" });
                await db.SaveChangesAsync();
            }
            var ingest = new Ingest(new CallIngestor(contexts, TimeProvider.System, BenchLedger.Empty));
            var measure = await Measure.RunAsync(name, async () =>
            {
                await run(ingest);
                return (ingest.Calls, 0);
            });
            await using (var db = contexts.CreateDbContext())
            {
                var stored = await db.Calls.CountAsync();
                var last = First.AddSeconds(count - 1);
                if (stored != count || ingest.Watermark != last)
                {
                    throw new InvalidOperationException($"{name}: {stored:N0} calls stored and the cursor at {ingest.Watermark:O}; expected {count:N0} and {last:O}.");
                }
            }
            return measure with { Rows = count };
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

    /// <summary>The sync worker's loop over one read: each page in one transaction with the cursor, moved as the page says.</summary>
    private sealed class Ingest(CallIngestor ingestor)
    {
        public DateTime? Watermark { get; private set; }
        public int Calls { get; private set; }

        /// <summary>Reads and ingests everything since <paramref name="sinceUtc"/>; returns how many records the answer held.</summary>
        public async Task<int> ReadAsync(ICallRecordSource source, DateTime sinceUtc)
        {
            var records = 0;
            await foreach (var page in source.ReadSinceAsync(sinceUtc, CancellationToken.None))
            {
                var next = Watermark is { } current && current > page.Watermark ? current : page.Watermark;
                var cursor = new CursorUpdate(SyncStreams.Records, next) { Conditional = true, OnlyFromWatermarkUtc = Watermark };
                var result = await ingestor.IngestAsync(1, page.Calls, page.Skipped, cursor, CancellationToken.None);
                if (!result.CursorMoved || page.Skipped.Count > 0)
                {
                    throw new InvalidOperationException($"page of {page.Calls.Count} calls: cursor moved {result.CursorMoved}, {page.Skipped.Count} skipped");
                }
                Watermark = next;
                Calls += result.Inserted;
                records += page.Calls.Count;
            }
            return records;
        }
    }

    private sealed record Vendor(WebApplication App, Uri Address) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    /// <summary>
    /// <c>GET /webfones/call_log/records_after_timestamp</c> over N records one second apart from <see cref="First"/> (UTC
    /// account), at most <paramref name="answerLimit"/> per answer, written record by record as the emulator renders them.
    /// </summary>
    private static async Task<Vendor> StartVendorAsync(int count, Func<int> answerLimit)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet(WebFonesSandbox.BasePath + "/call_log/records_after_timestamp", async (HttpContext context, string timestamp) =>
        {
            var after = DateTime.ParseExact(timestamp, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            var from = (int)Math.Clamp(Math.Floor((after - First).TotalSeconds) + 1, 0, count);
            var to = (int)Math.Min(count, (long)from + answerLimit());
            context.Response.ContentType = "application/json";
            var body = context.Response.BodyWriter;
            await using var writer = new Utf8JsonWriter(body);
            writer.WriteStartObject();
            writer.WriteBoolean("success", true);
            writer.WriteNumber("count", to - from);
            writer.WriteStartArray("records");
            var flushed = 0L;
            for (var i = from; i < to; i++)
            {
                JsonSerializer.Serialize(writer, Record(i), Json);
                // The writer hands full blocks to the pipe by itself (BytesCommitted): flushing is what waits for the reader.
                if (writer.BytesCommitted + writer.BytesPending - flushed > 32 * 1024)
                {
                    await writer.FlushAsync(context.RequestAborted);
                    await body.FlushAsync(context.RequestAborted);
                    flushed = writer.BytesCommitted;
                }
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Vendor(app, new Uri(address));
    }

    private static readonly string[] Dispositions = ["ANSWERED", "ANSWERED", "ANSWERED", "NO ANSWER", "BUSY", "CANCEL", "FAILED", "CONGESTION"];

    /// <summary>Record <paramref name="i"/> in WebFones' words, varied by a hash of <paramref name="i"/>.</summary>
    private static WebFonesRecord Record(int i)
    {
        var h = (uint)i * 2654435761u;
        var extension = (100 + h % 24).ToString(CultureInfo.InvariantCulture);
        var ring = (int)(h % 25);
        var disposition = Dispositions[h / 25 % (uint)Dispositions.Length];
        var talk = disposition == "ANSWERED" ? (int)(h / 200 % 900) : 0;
        return new WebFonesRecord(
            i + 1L,
            First.AddSeconds(i).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            h % 3 == 0 ? "" : $"CUSTOMER {h % 5000}",
            extension,
            h % 2 == 0 ? "INCOMING" : "OUTGOING",
            $"(212) 555-{h % 10000:0000}",
            $"{WebFonesSandbox.CompanyNumber}, x{extension}",
            disposition,
            ring + talk,
            talk,
            h % 10 == 0 ? 1 : 0);
    }
}
