using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Auth;
using Portal.Web.Audit;
using Portal.Web.Tests.Features.Dashboards;

namespace Portal.Web.Tests.Features.Audit;

public class AuditLogTests(PortalAppFactory portal) : IClassFixture<PortalAppFactory>
{
    private static readonly PortalUser Admin = new("dev-admin", "Alex Admin", [PortalRoles.Admin], []);
    private static readonly PortalUser Supervisor = new("dev-supervisor", "Sam Supervisor", [PortalRoles.Supervisor], []);

    [Fact]
    public async Task Read_Supervisor_IsRefusedInTheSecurityLog()
    {
        var audit = portal.Services.GetRequiredService<AuditLog>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => audit.ReadAsync(Supervisor, 0, 10, null));

        var refusal = Assert.Single(portal.SecurityEvents);
        Assert.Equal(("dev-supervisor", "Sam Supervisor", "audit.read", "audit log", "Only administrators may read the audit log."),
            (refusal.GetStructuredStateValue("UserId"), refusal.GetStructuredStateValue("UserName"), refusal.GetStructuredStateValue("Action"),
                refusal.GetStructuredStateValue("Target"), refusal.GetStructuredStateValue("Reason")));
        Assert.Equal(SecurityLog.RefusedEventId, refusal.Id.Id);
    }

    [Fact]
    public async Task Write_ThenRead_AdminSeesEntryNewestFirst()
    {
        var audit = portal.Services.GetRequiredService<AuditLog>();
        await audit.WriteAsync(Supervisor, "export.records", filter: "last 7 days", rowCount: 42);
        await audit.WriteAsync(Admin, "connection.add", target: "WebFones sandbox");

        var (entries, total) = await audit.ReadAsync(Admin, 0, 10, "export");

        Assert.Equal(1, total);
        var entry = Assert.Single(entries);
        Assert.Equal(("dev-supervisor", "export.records", "last 7 days", 42L), (entry.UserId, entry.Action, entry.Filter, entry.RowCount));
        Assert.Equal(DateTimeKind.Utc, entry.AtUtc.Kind);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Read_SearchWithLikeWildcards_FindsOnlyTheLiteralText(string provider)
    {
        await using var database = await DashboardDatabase.StartAsync(provider);
        var audit = new AuditLog(database.Contexts, new SecurityLog(NullLoggerFactory.Instance), TimeProvider.System, NullLogger<AuditLog>.Instance);
        string[] targets = ["discount 50%", "discount 500", "a_c", "abc", "back\\slash", "backslash"];
        foreach (var target in targets)
        {
            await audit.WriteAsync(Admin, "connection.edit", target: target);
        }

        async Task<string[]> Find(string search) => [.. (await audit.ReadAsync(Admin, 0, 50, search)).Entries.Select(e => e.Target ?? "")];

        Assert.Equal(["discount 50%"], await Find("50%"));
        Assert.Equal(["a_c"], await Find("a_c"));
        Assert.Equal(["back\\slash"], await Find("k\\s"));
        Assert.Equal(["discount 50%"], await Find("%"));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Read_SkipBelowZero_ReadsFromTheNewest(string provider)
    {
        await using var database = await DashboardDatabase.StartAsync(provider);
        var audit = new AuditLog(database.Contexts, new SecurityLog(NullLoggerFactory.Instance), TimeProvider.System, NullLogger<AuditLog>.Instance);
        await audit.WriteAsync(Admin, "connection.add", target: "skip test");

        var (entries, _) = await audit.ReadAsync(Admin, int.MinValue, 1, null);

        Assert.Equal("skip test", Assert.Single(entries).Target);
    }
}
