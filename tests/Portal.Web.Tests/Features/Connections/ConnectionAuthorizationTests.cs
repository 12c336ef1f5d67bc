using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Web.Audit;
using Portal.Web.Vendors;
using static Portal.Web.Tests.Features.Connections.ConnectionTesting;
using Portal.Web.Features.Connections;

namespace Portal.Web.Tests.Features.Connections;

/// <summary>Only administrators manage connections: the page, every service action and the NFON endpoints refuse anyone else.</summary>
public class ConnectionAuthorizationTests(PortalAppFactory portal) : IClassFixture<PortalAppFactory>
{
    public static TheoryData<string> Actions =>
        ["List", "Get", "Add", "Update", "Pause", "Resume", "Remove", "TestStored", "TestDraft", "SyncNow", "ResyncFrom"];

    [Fact]
    public async Task Page_Supervisor_RedirectsToNoAccessAndIsInTheSecurityLog()
    {
        using var client = portal.CreatePortalClient();
        await client.SignInAsync("supervisor", "supervisor");

        var response = await client.Http.GetAsync("/connections");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/no-access", response.Headers.Location!.AbsolutePath);
        var refusal = Assert.Single(portal.SecurityEvents, e => e.GetStructuredStateValue("Target") == "GET /connections");
        Assert.Equal((SecurityLog.RefusedEventId, LogLevel.Warning), (refusal.Id.Id, refusal.Level));
        Assert.Equal(("dev-supervisor", "Sam Supervisor", "request"),
            (refusal.GetStructuredStateValue("UserId"), refusal.GetStructuredStateValue("UserName"), refusal.GetStructuredStateValue("Action")));
        Assert.Equal("requires one of the roles Admin", refusal.GetStructuredStateValue("Reason"));
    }

    [Fact]
    public async Task Page_Admin_IsShown()
    {
        using var client = portal.CreatePortalClient();
        await client.SignInAsync("admin", "admin");

        var html = await PortalClient.ReadOkHtmlAsync(await client.Http.GetAsync("/connections"));

        Assert.Contains("<h1", html);
        Assert.Contains("The vendor accounts the portal reads calls from", html);
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Action_Supervisor_IsRefusedChangesNothingAndIsLogged(string action)
    {
        var connections = portal.Connections();
        var name = UniqueName("Refusal");
        var id = await connections.AddAsync(Admin, portal.WebFonesDraft(name));
        var before = await SnapshotAsync(id);
        var added = UniqueName("Refused");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => action switch
        {
            "List" => connections.ListAsync(Supervisor),
            "Get" => connections.GetAsync(Supervisor, id),
            "Add" => connections.AddAsync(Supervisor, portal.WebFonesDraft(added)),
            "Update" => connections.UpdateAsync(Supervisor, id, portal.WebFonesDraft(name + " renamed")),
            "Pause" => connections.PauseAsync(Supervisor, id),
            "Resume" => connections.ResumeAsync(Supervisor, id),
            "Remove" => connections.RemoveAsync(Supervisor, id),
            "TestStored" => connections.TestAsync(Supervisor, id),
            "TestDraft" => connections.TestAsync(Supervisor, portal.WebFonesDraft(name), null),
            "SyncNow" => connections.SyncNowAsync(Supervisor, id),
            "ResyncFrom" => connections.ResyncFromAsync(Supervisor, id, DateTime.UtcNow.AddDays(-1)),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        });

        Assert.Equal(before, await SnapshotAsync(id));
        var target = action switch { "Add" => added, "List" => ConnectionService.AllConnections, _ => name };
        var logged = Assert.Single(portal.SecurityEvents, e => e.GetStructuredStateValue("UserId") == "dev-supervisor" && e.GetStructuredStateValue("Target") == target);
        var auditAction = AuditAction(action);
        Assert.Equal(auditAction, logged.GetStructuredStateValue("Action"));
        var entries = await portal.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Target == target).OrderBy(e => e.Id).ToListAsync());
        if (action is "List" or "Get")
        {
            Assert.DoesNotContain(entries, e => e.Refused); // reads are refused in the security log only
        }
        else
        {
            var entry = Assert.Single(entries, e => e.Refused);
            Assert.Equal((auditAction, "dev-supervisor", "Only administrators may manage vendor connections."), (entry.Action, entry.UserId, entry.Details));
        }
    }

    private static string AuditAction(string action) => action switch
    {
        "List" => "connection.list",
        "Get" => "connection.read",
        "TestStored" or "TestDraft" => ConnectionService.TestAction,
        "SyncNow" => "connection.sync-now",
        "ResyncFrom" => "connection.resync",
        _ => "connection." + action.ToLowerInvariant(),
    };

    [Fact]
    public async Task NfonConnectEndpoints_Supervisor_AreRefused()
    {
        var id = await portal.Connections().AddAsync(Admin, portal.NfonDraft(UniqueName("NFON refusal")));
        using var client = portal.CreatePortalClient();
        await client.SignInAsync("supervisor", "supervisor");

        var connect = await client.Http.GetAsync(NfonConnectEndpoints.ConnectPath(id));
        var callback = await client.Http.GetAsync($"{NfonConnectEndpoints.CallbackPath}?code=stolen&state=forged");

        Assert.All([connect, callback], response =>
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/no-access", response.Headers.Location!.AbsolutePath);
        });
        Assert.Empty(await portal.StoredSecretsAsync(id));
        var refused = await portal.QueryAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Refused && e.UserId == "dev-supervisor" && e.Action == ConnectionService.NfonConnectAction).Select(e => e.Target).ToListAsync());
        Assert.Contains($"GET {NfonConnectEndpoints.ConnectPath(id)}", refused);
        Assert.Contains($"GET {NfonConnectEndpoints.CallbackPath}", refused);
    }

    /// <summary>Everything an action could change: the connection, its cursors, the connection count.</summary>
    private Task<string> SnapshotAsync(int id) => portal.QueryAsync(async db =>
    {
        var connection = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == id);
        var cursors = await db.SyncCursors.CountAsync(c => c.ConnectionId == id);
        return string.Join("|", connection.Name, connection.IsPaused, connection.UpdatedAtUtc.Ticks, connection.ProtectedSecrets, connection.PollIntervalSeconds,
            cursors, await db.Connections.CountAsync());
    });
}
