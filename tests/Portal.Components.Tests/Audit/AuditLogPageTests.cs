using System.Security.Claims;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Audit;
using Portal.Web.Hosting;
using Portal.Web.Features.Audit;

namespace Portal.Components.Tests.Audit;

/// <summary>The audit log page over a real SQLite database: refused attempts are shown as refused, with the reason.</summary>
public sealed class AuditLogPageTests : PortalComponentTest, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("portal-audit-page-").FullName;
    private readonly AuditLog _audit;

    public AuditLogPageTests()
    {
        var contexts = new SqliteContexts($"Data Source={Path.Combine(_folder, "portal.db")}");
        using (var db = contexts.CreateDbContext())
        {
            db.Database.Migrate();
        }
        _audit = new AuditLog(contexts, new SecurityLog(NullLoggerFactory.Instance), TimeProvider.System, NullLogger<AuditLog>.Instance);
        Services.AddSingleton(_audit);
        Services.AddSingleton(new PortalAuthenticationOptions());
        Services.AddScoped<CurrentUserAccessor>();
        Services.AddScoped<ViewerClock>();
        JSInterop.Setup<string>("portal.timeZone").SetResult("UTC");
        AddAuthorization().SetAuthorized("Alex Admin").SetClaims(new Claim("sub", "dev-admin"), new Claim("role", PortalRoles.Admin));
    }

    [Fact]
    public async Task Render_RefusedAndDoneEntries_ShowsTheOutcomeOfEach()
    {
        var guest = new PortalUser("dev-guest", "Gale Guest", [], []);
        await _audit.RefusedAsync(guest, "Export calls", "GET /exports/calls.xlsx", "requires one of the roles Admin, Supervisor");
        await _audit.WriteAsync(new PortalUser("dev-admin", "Alex Admin", [PortalRoles.Admin], []), "connection.pause", "WebFones");

        var page = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<AuditLogPage>(1);
            builder.CloseComponent();
        });

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=audit-outcome]").Count));
        var outcomes = page.FindAll("tr").Where(r => r.QuerySelector("[data-testid=audit-outcome]") is not null)
            .ToDictionary(r => r.QuerySelector("td[data-label=Action]")!.TextContent.Trim(), r => r.QuerySelector("[data-testid=audit-outcome]")!.TextContent);
        Assert.Contains("Refused", outcomes["Export calls"]);
        Assert.Contains("requires one of the roles Admin, Supervisor", outcomes["Export calls"]);
        Assert.Equal("Done", outcomes["connection.pause"].Trim());
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
