using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Portal.Web.Data;
using Portal.Web.Data.Entities;

namespace Portal.Web.Tests.Data;

public class MigrationTests
{
    private static readonly string[] ExpectedTables =
        ["Calls", "Transcripts", "TranscriptSegments", "Recordings", "CallTombstones", "Connections", "SyncCursors",
         "Extensions", "Teams", "TeamMembers", "AuditEntries", "UserPreferences", "DataProtectionKeys",
         "CallRollups", "SkippedVendorRecords", "TranscriptSearch", "UserSessions", "DeletionJobs", "DeletionJobItems",
         "ErasureLedger", "PortalSecrets"];

    [Fact]
    public async Task Startup_EmptySqliteFile_AppliesMigrationsWithWalAndIncrementalVacuum()
    {
        using var portal = new PortalAppFactory();
        Assert.True(File.Exists(portal.DatabaseFile));

        await using var connection = new SqliteConnection($"Data Source={portal.DatabaseFile}");
        await connection.OpenAsync();
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
        Assert.Equal(2L, await ScalarAsync(connection, "PRAGMA auto_vacuum")); // 2 = incremental
        foreach (var table in ExpectedTables)
        {
            Assert.Equal(1L, await ScalarAsync(connection, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"));
        }

        await using var db = portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Initialize_EmptyPostgresDatabase_AppliesMigrations()
    {
        var server = Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set PORTAL_TEST_POSTGRES to a PostgreSQL connection string (scripts/test.sh starts a local server and sets it).");

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Portal"] = await PostgresDatabases.CreateAsync(server),
        });
        builder.AddPortalDatabase();
        using var host = builder.Build();

        await host.Services.InitializePortalDatabaseAsync();

        await using var db = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        Assert.True(db.Database.IsNpgsql());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Calls.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task RollupGrains_HourlyRollupsAlreadyStored_CountInEveryGrain(string provider)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Portal"] = provider == "Postgres"
                ? await PostgresDatabases.CreateAsync(Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES")!)
                : $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("portal-migration-").FullName, "portal.db")}",
        });
        builder.AddPortalDatabase();
        using var host = builder.Build();
        await using var db = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
        await migrator.MigrateAsync(db.Database.GetMigrations().Single(m => m.EndsWith("_SyncEngine", StringComparison.Ordinal)));
        db.Connections.Add(new Connection { Name = "old", Vendor = Portal.Telephony.Calls.VendorKind.WebFones, BaseUrl = "http://localhost/" });
        await db.SaveChangesAsync();
        var hours = new (DateTime Hour, string Extension, int Calls, int Talk)[]
        {
            (new DateTime(2026, 3, 31, 23, 0, 0, DateTimeKind.Utc), "101", 2, 100),
            (new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), "101", 3, 40),
            (new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), "102", 1, 5),
            (new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc), "101", 4, 60),
        };
        foreach (var (hour, extension, calls, talk) in hours)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "CallRollups" ("HourUtc", "ConnectionId", "Extension", "Direction", "Outcome", "Calls", "TalkSeconds", "RingSeconds", "RingCalls",
                    "Talk0", "Talk1", "Talk2", "Talk3", "Talk4", "Talk5", "Talk6", "Talk7")
                VALUES ({hour}, 1, {extension}, 1, 1, {calls}, {talk}, 0, 0, 0, {calls}, 0, 0, 0, 0, 0, 0)
                """);
        }

        await migrator.MigrateAsync();

        var rollups = await db.CallRollups.AsNoTracking().ToListAsync();
        string Summary(RollupGrain grain) => string.Join("; ", rollups.Where(r => r.Grain == grain)
            .OrderBy(r => r.PeriodUtc).ThenBy(r => r.Extension).Select(r => $"{r.PeriodUtc:yyyy-MM-dd HH} {r.Extension} {r.Calls} {r.TalkSeconds} {r.Talk1}"));
        Assert.Equal("2026-03-31 23 101 2 100 2; 2026-04-01 00 101 3 40 3; 2026-04-01 00 102 1 5 1; 2026-04-01 09 101 4 60 4", Summary(RollupGrain.Hour));
        Assert.Equal("2026-03-31 00 101 2 100 2; 2026-04-01 00 101 7 100 7; 2026-04-01 00 102 1 5 1", Summary(RollupGrain.Day));
        Assert.Equal("2026-03-31 23  2 100 2; 2026-04-01 00  4 45 4; 2026-04-01 09  4 60 4", Summary(RollupGrain.HourAllExtensions));
        Assert.Equal("2026-03-01 00 101 2 100 2; 2026-04-01 00 101 7 100 7; 2026-04-01 00 102 1 5 1", Summary(RollupGrain.Month));
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
