using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Portal.Sandbox.Tests;
using Portal.Web.Audit;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention;
using Portal.Web.Features.Retention.Holds;
using Portal.Web.Features.Retention.Policies;
using Portal.Web.Features.Sync.Ingest;
using Portal.Web.Vendors;

namespace Portal.Web.Tests.Features.Retention;

/// <summary>
/// The portal's database, audit log, deletion jobs, legal holds and retention policies (<c>AddRetention</c>, <c>AddLegalHolds</c>,
/// <c>AddRetentionPolicies</c>) on a fixed clock (or the test's own, with settings of its own), with the ingest path to store calls
/// and the vendor adapters (<c>AddVendors</c>, loopback addresses allowed, for the sandbox's emulators): a fresh SQLite file or
/// PostgreSQL database, or an existing one (a restart). Small batches, so that a few dozen calls
/// take several. Not started unless asked: a test then drives the runner itself (<see cref="DeletionJobRunner.RunPendingAsync"/>).
/// </summary>
public sealed class RetentionHost : IDisposable
{
    public const int BatchSize = 7;

    public static readonly PortalUser Admin = new("admin-1", "Ada Admin", [PortalRoles.Admin], []);
    public static readonly PortalUser Supervisor = new("super-1", "Sam Supervisor", [PortalRoles.Supervisor], []);

    private RetentionHost(IHost host, string connectionString)
    {
        Host = host;
        ConnectionString = connectionString;
    }

    public IHost Host { get; }
    public string ConnectionString { get; }
    public string Provider => ConnectionString.StartsWith("Data Source=", StringComparison.Ordinal) ? "Sqlite" : "Postgres";
    public IDbContextFactory<PortalDbContext> Contexts => Host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
    public DeletionJobs Jobs => Host.Services.GetRequiredService<DeletionJobs>();
    public DeletionJobRunner Runner => Host.Services.GetRequiredService<DeletionJobRunner>();
    public IReadOnlyList<FakeLogRecord> SecurityEvents => Host.Services.GetFakeLogCollector().GetSnapshot();

    public static async Task<RetentionHost> CreateAsync(string provider, bool start = false, TimeProvider? clock = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var connectionString = provider == "Postgres"
            ? await PostgresDatabases.CreateAsync(Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES")
                ?? throw new InvalidOperationException("Set PORTAL_TEST_POSTGRES (scripts/test.sh starts a local PostgreSQL)."))
            : $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("portal-retention-").FullName, "portal.db")}";
        return await ReopenAsync(connectionString, start, clock, settings);
    }

    /// <summary>A new host on the same database: a restart.</summary>
    public static async Task<RetentionHost> ReopenAsync(string connectionString, bool start, TimeProvider? clock = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = connectionString.StartsWith("Data Source=", StringComparison.Ordinal) ? "Sqlite" : "Postgres",
            ["ConnectionStrings:Portal"] = connectionString,
            ["Retention:BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Retention:ReclaimSpaceAfterDeletedCalls"] = "20",
            ["Retention:PollInterval"] = "00:00:00.200",
            ["Portal:Vendors:AllowPrivateNetworks"] = "true", // the sandbox's emulators listen on loopback
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.AddFakeLogging(o => o.FilteredCategories.Add(SecurityLog.Category));
        builder.AddPortalDatabase();
        builder.Services.AddSingleton<TimeProvider>(clock ?? new FixedStartClock());
        builder.Services.AddSingleton<SecurityLog>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<CallIngestor>();
        builder.AddVendors();
        builder.AddRetention();
        builder.AddLegalHolds();
        builder.AddRetentionPolicies();
        var host = builder.Build();
        await host.Services.InitializePortalDatabaseAsync();
        if (start)
        {
            await host.StartAsync();
        }
        return new RetentionHost(host, connectionString);
    }

    public async Task<DeletionJob> JobAsync(long id)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.DeletionJobs.AsNoTracking().SingleAsync(j => j.Id == id);
    }

    public async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    public async Task<long[]> CallIdsAsync(Func<IQueryable<Call>, IQueryable<Call>>? where = null)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await (where ?? (q => q))(db.Calls).Select(c => c.Id).OrderBy(id => id).ToArrayAsync();
    }

    public void Dispose()
    {
        Host.StopAsync().GetAwaiter().GetResult();
        Host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
