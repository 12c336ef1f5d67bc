using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Features.Connections;
using static Portal.Web.Tests.Features.Connections.ConnectionTesting;

namespace Portal.Web.Tests.Features.Connections;

/// <summary>Only administrators manage connections: the page, every service action and the NFON endpoints refuse anyone else.</summary>
public class ConnectionAuthorizationTests(PortalAppFactory portal) : IClassFixture<PortalAppFactory>
{
    public static TheoryData<string> Actions =>
        ["List", "Get", "Add", "Update", "Pause", "Resume", "Remove", "TestStored", "TestDraft", "SyncNow", "ResyncFrom"];

    [Fact]
    public async Task Page_Supervisor_RedirectsToNoAccess()
    {
        using var client = portal.CreatePortalClient();
        await client.SignInAsync("supervisor", "supervisor");

        var response = await client.Http.GetAsync("/connections");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/no-access", response.Headers.Location!.AbsolutePath);
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
    public async Task Action_Supervisor_IsRefusedAndWritesNothing(string action)
    {
        var connections = portal.Connections();
        var name = UniqueName("Refusal");
        var id = await connections.AddAsync(Admin, portal.WebFonesDraft(name));
        var before = await SnapshotAsync(id);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => action switch
        {
            "List" => connections.ListAsync(Supervisor),
            "Get" => connections.GetAsync(Supervisor, id),
            "Add" => connections.AddAsync(Supervisor, portal.WebFonesDraft(UniqueName("Refused"))),
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
    }

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
    }

    /// <summary>Everything an action could change: the connection, its cursors, the connection count and the audit log.</summary>
    private Task<string> SnapshotAsync(int id) => portal.QueryAsync(async db =>
    {
        var connection = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == id);
        var cursors = await db.SyncCursors.CountAsync(c => c.ConnectionId == id);
        return string.Join("|", connection.Name, connection.IsPaused, connection.UpdatedAtUtc.Ticks, connection.ProtectedSecrets, connection.PollIntervalSeconds,
            cursors, await db.Connections.CountAsync(), await db.AuditEntries.CountAsync());
    });
}
