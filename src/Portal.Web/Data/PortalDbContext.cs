using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Data.Entities;

namespace Portal.Web.Data;

/// <summary>
/// The portal's database. One subclass per provider (<see cref="SqlitePortalDbContext"/>,
/// <see cref="PostgresPortalDbContext"/>) carries that provider's migrations; code uses this type through
/// <c>IDbContextFactory&lt;PortalDbContext&gt;</c>, one context per operation.
/// </summary>
public abstract class PortalDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Call> Calls => Set<Call>();
    public DbSet<Transcript> Transcripts => Set<Transcript>();
    public DbSet<TranscriptSegment> TranscriptSegments => Set<TranscriptSegment>();
    public DbSet<Recording> Recordings => Set<Recording>();
    public DbSet<CallTombstone> CallTombstones => Set<CallTombstone>();
    public DbSet<CallRollup> CallRollups => Set<CallRollup>();
    public DbSet<SkippedVendorRecord> SkippedVendorRecords => Set<SkippedVendorRecord>();
    public DbSet<Connection> Connections => Set<Connection>();
    public DbSet<SyncCursor> SyncCursors => Set<SyncCursor>();
    public DbSet<Extension> Extensions => Set<Extension>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<UserPreference> UserPreferences => Set<UserPreference>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<DeletionJob> DeletionJobs => Set<DeletionJob>();
    public DbSet<DeletionJobItem> DeletionJobItems => Set<DeletionJobItem>();
    public DbSet<DeletionJobConnection> DeletionJobConnections => Set<DeletionJobConnection>();
    public DbSet<ErasureLedgerEntry> ErasureLedger => Set<ErasureLedgerEntry>();
    public DbSet<LegalHold> LegalHolds => Set<LegalHold>();
    public DbSet<RetentionPolicy> RetentionPolicies => Set<RetentionPolicy>();
    public DbSet<PortalSecret> PortalSecrets => Set<PortalSecret>();
    /// <summary>ASP.NET Core Data Protection keys, shared by every portal instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Everything is stored in UTC and read back marked as UTC (also what PostgreSQL timestamptz requires).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}

public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options);

public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options);
