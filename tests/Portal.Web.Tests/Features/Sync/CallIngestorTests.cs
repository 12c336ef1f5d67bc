using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Telephony.Calls;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Sync;
using Portal.Web.Features.Sync.Ingest;

namespace Portal.Web.Tests.Features.Sync;

/// <summary>The ingest path on both databases: the same SQL must behave the same on SQLite and PostgreSQL.</summary>
public class CallIngestorTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "Postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ingest_NewChangedDeletedAndResent_KeepsCallsRollupsAndTombstonesRight(string provider)
    {
        using var host = await StartAsync(provider);
        var ingestor = host.Services.GetRequiredService<CallIngestor>();
        var contexts = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        int connectionId;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var connection = new Connection { Name = "ingest", Vendor = VendorKind.NfonCallHistory, BaseUrl = "http://localhost/" };
            db.Connections.Add(connection);
            await db.SaveChangesAsync();
            connectionId = connection.Id;
        }
        var start = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
        var calls = Enumerable.Range(0, 10).Select(i => Call($"c{i}", start.AddMinutes(i * 20), i % 3 == 0 ? CallOutcome.Missed : CallOutcome.Answered, 30 * i)).ToList();
        calls[1] = calls[1] with { Transcript = new NormalizedTranscript("Invoice question", "en", [new("Anna", 0, "Hello"), new("Caller", 2.5, "My invoice")]) };
        calls[2] = calls[2] with { Recordings = [new RecordingInfo("r1", "audio/wav", 60, 1000, start, "http://vendor/r1")] };

        var first = await ingestor.IngestAsync(connectionId, calls, [new SkippedRecord("bad-1", "no start time", "{}")],
            new CursorUpdate(SyncStreams.Records, start.AddHours(4)), CancellationToken.None);
        // The same records again, one of them changed (answered after all) and one re-sent twice in the batch.
        var changed = calls.Select(c => c.VendorCallId == "c3" ? c with { Outcome = CallOutcome.Answered, DurationSeconds = 95 } : c).Append(calls[4]).ToList();
        var second = await ingestor.IngestAsync(connectionId, changed, [new SkippedRecord("bad-1", "no start time", "{}")],
            new CursorUpdate(SyncStreams.Records, start.AddHours(5)), CancellationToken.None);
        var deleted = await ingestor.DeleteAsync(connectionId, ["c5", "c6", "missing"], CancellationToken.None);
        var third = await ingestor.IngestAsync(connectionId, changed, [], null, CancellationToken.None);

        Assert.Equal(new IngestResult(10, 0, 0, 0, 1), first);
        Assert.Equal(new IngestResult(0, 10, 0, 0, 0), second);
        Assert.Equal(2, deleted);
        Assert.Equal(new IngestResult(0, 8, 2, 0, 0), third);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var stored = await db.Calls.AsNoTracking().Where(c => c.ConnectionId == connectionId).OrderBy(c => c.VendorCallId).ToListAsync();
            Assert.Equal(["c0", "c1", "c2", "c3", "c4", "c7", "c8", "c9"], stored.Select(c => c.VendorCallId));
            Assert.Equal((CallOutcome.Answered, 95), (stored[3].Outcome, stored[3].DurationSeconds));
            Assert.All(stored, c => Assert.Equal(DateTimeKind.Utc, c.StartedAtUtc.Kind));
            Assert.Equal(start.AddMinutes(20), stored[1].StartedAtUtc);
            var transcript = await db.Transcripts.Include(t => t.Segments).SingleAsync();
            Assert.Equal(("Invoice question", 2), (transcript.Summary, transcript.Segments.Count));
            Assert.Equal("http://vendor/r1", (await db.Recordings.SingleAsync()).DownloadUrl);
            Assert.Equal(start.AddHours(5), (await db.SyncCursors.SingleAsync()).WatermarkUtc);
            Assert.Equal(1, await db.SkippedVendorRecords.CountAsync());
            Assert.Equal(3, await db.CallTombstones.CountAsync());
            var rollups = await db.CallRollups.AsNoTracking().Where(r => r.Grain == RollupGrain.Hour).ToListAsync();
            Assert.Equal(stored.Count, rollups.Sum(r => r.Calls));
            Assert.Equal(stored.Sum(c => (long)c.DurationSeconds), rollups.Sum(r => r.TalkSeconds));
            Assert.Equal(stored.Count(c => c.Outcome == CallOutcome.Missed), rollups.Where(r => r.Outcome == CallOutcome.Missed).Sum(r => r.Calls));
            Assert.DoesNotContain(rollups, r => r.Calls == 0);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ingest_CursorMovedMeanwhile_StoresRowsButKeepsTheOtherCursor(string provider)
    {
        using var host = await StartAsync(provider);
        var ingestor = host.Services.GetRequiredService<CallIngestor>();
        var contexts = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var connection = new Connection { Name = "cursor", Vendor = VendorKind.Unpod, BaseUrl = "http://localhost/" };
        db.Connections.Add(connection);
        await db.SaveChangesAsync();
        var pollStartedAt = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var resyncFrom = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await ingestor.IngestAsync(connection.Id, [], [], new CursorUpdate(SyncStreams.Records, pollStartedAt), CancellationToken.None);

        // A re-sync moves the cursor back while a poll that started at pollStartedAt is running.
        db.SyncCursors.Single().WatermarkUtc = resyncFrom;
        await db.SaveChangesAsync();
        var page = new CursorUpdate(SyncStreams.Records, pollStartedAt.AddDays(1)) { Conditional = true, OnlyFromWatermarkUtc = pollStartedAt };
        var stale = await ingestor.IngestAsync(connection.Id, [Call("x1", pollStartedAt.AddHours(1), CallOutcome.Answered, 60)], [], page, CancellationToken.None);
        var fresh = await ingestor.IngestAsync(connection.Id, [], [], page with { OnlyFromWatermarkUtc = resyncFrom }, CancellationToken.None);

        Assert.False(stale.CursorMoved);
        Assert.Equal(1, stale.Inserted);
        Assert.True(fresh.CursorMoved);
        await using var check = await contexts.CreateDbContextAsync();
        Assert.Equal(pollStartedAt.AddDays(1), (await check.SyncCursors.SingleAsync()).WatermarkUtc);
    }

    private static NormalizedCall Call(string id, DateTime startedAt, CallOutcome outcome, int talk) => new()
    {
        VendorCallId = id,
        Direction = CallDirection.Inbound,
        Outcome = outcome,
        VendorStatus = outcome.ToString().ToLowerInvariant(),
        StartedAtUtc = startedAt,
        DurationSeconds = outcome == CallOutcome.Answered ? talk : 0,
        RingSeconds = 5,
        Extension = "101",
        ExternalNumber = "+4930123456" + id[^1],
        RawPayload = $$"""{"uuid":"{{id}}"}""",
    };

    private static async Task<IHost> StartAsync(string provider)
    {
        var builder = Host.CreateApplicationBuilder();
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = provider };
        if (provider == "Postgres")
        {
            var server = Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES")
                ?? throw new InvalidOperationException("Set PORTAL_TEST_POSTGRES (scripts/test.sh starts a local PostgreSQL).");
            settings["ConnectionStrings:Portal"] = await PostgresDatabases.CreateAsync(server);
        }
        else
        {
            settings["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("portal-ingest-").FullName, "portal.db")}";
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPortalDatabase();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CallIngestor>();
        var host = builder.Build();
        await host.Services.InitializePortalDatabaseAsync();
        return host;
    }
}
