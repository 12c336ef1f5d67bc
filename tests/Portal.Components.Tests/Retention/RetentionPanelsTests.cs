using System.Security.Claims;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using Portal.Web.Audit;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention;
using Portal.Web.Features.Retention.Holds;
using Portal.Web.Features.Retention.Policies;
using Portal.Web.Hosting;

namespace Portal.Components.Tests.Retention;

/// <summary>
/// The retention policies and legal holds panels over a real SQLite database: empty states, stored rows with what the next run
/// deletes, refusals shown as clear errors, and a supervisor refused by the services behind every handler.
/// </summary>
public sealed class RetentionPanelsTests : PortalComponentTest, IDisposable
{
    private static readonly PortalUser Admin = new("dev-admin", "Alex Admin", [PortalRoles.Admin], []);
    private readonly string _folder = Directory.CreateTempSubdirectory("portal-retention-panels-").FullName;
    private readonly IDbContextFactory<PortalDbContext> _contexts;

    public RetentionPanelsTests()
    {
        _contexts = new SqliteContexts($"Data Source={Path.Combine(_folder, "portal.db")}");
        using (var db = _contexts.CreateDbContext())
        {
            db.Database.Migrate();
            db.Connections.Add(new Connection { Name = "Cinnox", Vendor = Portal.Telephony.Calls.VendorKind.Cinnox, BaseUrl = "http://localhost/" });
            db.SaveChanges();
        }
        var security = new SecurityLog(NullLoggerFactory.Instance);
        var audit = new AuditLog(_contexts, security, TimeProvider.System, NullLogger<AuditLog>.Instance);
        var schedule = new RetentionSchedule(Options.Create(new RetentionOptions()));
        Services.AddSingleton(new RetentionPolicies(_contexts, schedule, audit, security, TimeProvider.System));
        Services.AddSingleton(new LegalHolds(_contexts, audit, security, TimeProvider.System));
        Services.AddSingleton(new PortalAuthenticationOptions());
        Services.AddScoped<CurrentUserAccessor>();
        Services.AddScoped<ViewerClock>();
        JSInterop.Setup<string>("portal.timeZone").SetResult("UTC");
    }

    [Fact]
    public void PoliciesPanel_NoPolicy_ShowsTheEmptyStateAndANextRunThatDeletesNothing()
    {
        SignIn(PortalRoles.Admin);

        var panel = RenderWithPopovers<PoliciesPanel>();

        panel.WaitForAssertion(() => Assert.Contains("No retention policy yet", panel.Markup));
        Assert.Contains("0 calls / 0 transcripts / 0 recording links", panel.Find("[data-testid=retention-next-run]").TextContent);
    }

    [Fact]
    public async Task PoliciesPanel_StoredPolicy_ShowsItsPeriodsAndWhatTheNextRunDeletes()
    {
        SignIn(PortalRoles.Admin);
        await Services.GetRequiredService<RetentionPolicies>().SaveAsync(Admin, new RetentionPolicyDraft(null, null, 730, 180, null, true));

        var panel = RenderWithPopovers<PoliciesPanel>();

        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=policy-next-run]")));
        var row = panel.Find("[data-testid=policy-table] tbody tr");
        Assert.Contains("All connections", row.TextContent);
        Assert.Contains("730 days", row.TextContent);
        Assert.Contains("forever", row.TextContent);
        Assert.Contains("0 calls / 0 transcripts / 0 recording links", panel.Find("[data-testid=policy-next-run]").TextContent);
    }

    [Fact]
    public void PoliciesPanel_SaveWithoutAnyPeriod_ShowsTheRefusal()
    {
        SignIn(PortalRoles.Admin);
        var panel = RenderWithPopovers<PoliciesPanel>();
        panel.WaitForAssertion(() => Assert.Contains("No retention policy yet", panel.Markup));

        panel.Find("[data-testid=add-policy]").Click();
        panel.Find("[data-testid=save-policy]").Click();

        panel.WaitForAssertion(() => Assert.Contains("at least one kind", panel.Find("[data-testid=policy-error]").TextContent));
    }

    [Fact]
    public void HoldsPanel_PlaceWithoutReason_ShowsTheRefusal_AndNoHoldIsPlaced()
    {
        SignIn(PortalRoles.Admin);
        var panel = RenderWithPopovers<HoldsPanel>();
        panel.WaitForAssertion(() => Assert.Contains("No legal hold", panel.Markup));

        panel.Find("[data-testid=place-hold]").Click();

        panel.WaitForAssertion(() => Assert.Contains("A reason or case reference is required", panel.Find("[data-testid=hold-error]").TextContent));
        Assert.Contains("No legal hold", panel.Markup);
    }

    [Fact]
    public async Task HoldsPanel_HoldInForce_IsListedAndReleasedAfterConfirmation()
    {
        SignIn(PortalRoles.Admin);
        int connectionId;
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            connectionId = await db.Connections.Select(c => c.Id).SingleAsync();
        }
        await Services.GetRequiredService<LegalHolds>().PlaceAsync(Admin, new LegalHoldRequest(LegalHoldKind.Connection, connectionId, null, null, "case 4711"));
        var panel = RenderWithPopovers<HoldsPanel>();
        panel.WaitForAssertion(() => Assert.Contains("connection Cinnox", panel.Find("[data-testid=hold-table] tbody").TextContent));

        panel.Find("[data-testid=release-hold]").Click();
        panel.Find("[data-testid=confirm-release-hold]").Click();

        panel.WaitForAssertion(() => Assert.Contains("Released", panel.Find("[data-testid=hold-state]").TextContent));
        Assert.NotNull((await Services.GetRequiredService<LegalHolds>().ListAsync(Admin)).Single().ReleasedAtUtc);
    }

    [Fact]
    public void BothPanels_Supervisor_AreRefusedByTheServices()
    {
        SignIn(PortalRoles.Supervisor);

        var policies = RenderWithPopovers<PoliciesPanel>();
        var holds = Render<HoldsPanel>(); // one popover provider per render tree: the first one serves both

        policies.WaitForAssertion(() => Assert.Contains("Only administrators may manage retention policies", policies.Find("[data-testid=policy-error]").TextContent));
        holds.WaitForAssertion(() => Assert.Contains("Only administrators may manage legal holds", holds.Find("[data-testid=hold-error]").TextContent));
        Assert.Empty(policies.FindAll("[data-testid=retention-next-run]"));
    }

    /// <summary>Signs in and makes the render interactive (the panels read the browser's zone once interactive).</summary>
    private void SignIn(string role)
    {
        AddAuthorization().SetAuthorized(role == PortalRoles.Admin ? "Alex Admin" : "Sam Supervisor")
            .SetClaims(new Claim("sub", role == PortalRoles.Admin ? "dev-admin" : "dev-super"), new Claim("role", role));
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
    }

    private IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> RenderWithPopovers<TPanel>() where TPanel : Microsoft.AspNetCore.Components.IComponent =>
        Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<TPanel>(1);
            builder.CloseComponent();
        });

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
