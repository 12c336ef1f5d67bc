using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Web.Audit;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention;
using Portal.Web.Hosting;
using Bunit.TestDoubles;

namespace Portal.Components.Tests.Retention;

/// <summary>
/// The real deletion jobs and runner over a fresh SQLite file, registered in a bUnit context, signed in as an administrator
/// (a test may turn the user into a supervisor while the page is open). The runner is not hosted: a test runs it.
/// </summary>
public abstract class RetentionPageTest : PortalComponentTest, IDisposable
{
    public const int BatchSize = 2;

    private readonly string _folder = Directory.CreateTempSubdirectory("portal-retention-page-").FullName;

    protected RetentionPageTest()
    {
        Contexts = new SqliteContexts($"Data Source={Path.Combine(_folder, "portal.db")}");
        using (var db = Contexts.CreateDbContext())
        {
            db.Database.Migrate();
        }
        var clock = TimeProvider.System;
        var audit = new AuditLog(Contexts, new SecurityLog(NullLoggerFactory.Instance), clock, NullLogger<AuditLog>.Instance);
        var signal = new DeletionJobSignal();
        // No vendor adapters: these jobs' calls are on no connection whose vendor deletes.
        var vendorDeletes = new VendorDeletes(Contexts, new Portal.Telephony.Connections.VendorAdapters([]),
            new Portal.Web.Vendors.ConnectionSecretProtector(new EphemeralDataProtectionProvider()), audit, NullLogger<VendorDeletes>.Instance);
        Jobs = new DeletionJobs(Contexts, signal, audit, new SecurityLog(NullLoggerFactory.Instance),
            new ErasureLedger(new EphemeralDataProtectionProvider(), clock), vendorDeletes, clock);
        Runner = new DeletionJobRunner(Contexts, new CallDeletionEngine(Contexts, clock), vendorDeletes, signal, audit,
            Options.Create(new RetentionOptions { BatchSize = BatchSize, ReclaimSpaceAfterDeletedCalls = 1_000_000 }), clock,
            NullLogger<DeletionJobRunner>.Instance);
        Services.AddSingleton(Jobs);
        Services.AddSingleton(Runner);
        Services.AddSingleton(clock);
        Services.AddSingleton(new PortalAuthenticationOptions());
        Services.AddScoped<CurrentUserAccessor>();
        Services.AddScoped<ViewerClock>();
        JSInterop.Setup<string>("portal.timeZone").SetResult("Europe/Berlin");
        Auth = AddAuthorization();
        SignInAs(Admin);
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true)); // after every service: it builds the provider
    }

    public static PortalUser Admin { get; } = new("dev-admin", "Alex Admin", [PortalRoles.Admin], []);
    public static PortalUser Supervisor { get; } = new("dev-supervisor", "Sam Supervisor", [PortalRoles.Supervisor], []);

    protected IDbContextFactory<PortalDbContext> Contexts { get; }
    protected DeletionJobs Jobs { get; }
    protected DeletionJobRunner Runner { get; }
    protected BunitAuthorizationContext Auth { get; }

    /// <summary>The circuit's user from now on (a role taken away while the page is open).</summary>
    protected void SignInAs(PortalUser user)
    {
        Auth.SetAuthorized(user.Name);
        Auth.SetClaims([new Claim("sub", user.Id), new Claim("name", user.Name), .. user.Roles.Select(r => new Claim("role", r))]);
    }

    /// <summary>A job written straight into its table, in any state.</summary>
    protected async Task<long> AddJobAsync(DeletionJobState state, long selected, long processed, long deleted, string? error = null, long? bytes = null)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var created = new DateTime(2026, 6, 12, 13, 0, 0, DateTimeKind.Utc);
        var job = new DeletionJob
        {
            Kind = DeletionJobKind.Erasure, Scope = CallDeletionScope.Calls, State = state, RequestedByUserId = Admin.Id, RequestedByName = Admin.Name,
            Reason = "GDPR-4711", Selection = "erasure request: 1 phone number(s)", CreatedAtUtc = created, StartedAtUtc = created.AddSeconds(1),
            FinishedAtUtc = state is DeletionJobState.Completed or DeletionJobState.Cancelled ? created.AddSeconds(30) : null,
            SelectedCount = selected, ProcessedCount = processed, DeletedCount = deleted, LastError = error, BytesReclaimed = bytes,
        };
        db.DeletionJobs.Add(job);
        await db.SaveChangesAsync();
        return job.Id;
    }

    protected async Task<DeletionJob> JobAsync(long id)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.DeletionJobs.AsNoTracking().SingleAsync(j => j.Id == id);
    }

    protected async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    void IDisposable.Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class SqliteContexts(string connectionString) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() =>
            new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(connectionString).Options);
    }
}
