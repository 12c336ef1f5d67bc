using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Web.Data;

namespace Portal.Web.Tests.Data;

public class MigrationTests
{
    private static readonly string[] ExpectedTables =
        ["Calls", "Transcripts", "TranscriptSegments", "Recordings", "CallTombstones", "Connections", "SyncCursors",
         "Extensions", "Teams", "TeamMembers", "AuditEntries", "UserPreferences", "DataProtectionKeys",
         "CallRollups", "SkippedVendorRecords", "TranscriptSearch"];

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

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
