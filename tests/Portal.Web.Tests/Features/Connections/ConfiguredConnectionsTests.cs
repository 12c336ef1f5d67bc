using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Web.Features.Connections;
using static Portal.Web.Tests.Features.Connections.ConnectionTesting;

namespace Portal.Web.Tests.Features.Connections;

public sealed class ConfiguredConnectionsTests : IDisposable
{
    private const string Declared = "Configured WebFones";
    private const string DeclaredKey = "configured-secret-key";

    private readonly PortalAppFactory _portal = PortalAppFactory.With(new()
    {
        ["Portal:Connections:0:Name"] = Declared,
        ["Portal:Connections:0:Vendor"] = "WebFones",
        ["Portal:Connections:0:BaseUrl"] = "https://webfones.example.test:2343",
        ["Portal:Connections:0:PhoneRegion"] = "US",
        ["Portal:Connections:0:TimeZone"] = "America/New_York",
        ["Portal:Connections:0:PollIntervalSeconds"] = "120",
        ["Portal:Connections:0:ApiKey"] = DeclaredKey,
        // Invalid: WebFones needs a time zone and an API key; skipped, not fatal.
        ["Portal:Connections:1:Name"] = "Broken WebFones",
        ["Portal:Connections:1:Vendor"] = "WebFones",
        ["Portal:Connections:1:BaseUrl"] = "https://webfones.example.test:2343",
    });

    [Fact]
    public async Task Startup_DeclaredConnection_IsStoredManagedWithEncryptedSecret()
    {
        var row = Assert.Single(await _portal.Connections().ListAsync(Admin));

        Assert.Equal((Declared, VendorKind.WebFones, true), (row.Name, row.Vendor, row.ManagedByConfiguration));
        Assert.Equal(120, (await _portal.ConnectionAsync(row.Id))!.PollIntervalSeconds);
        Assert.Equal(DeclaredKey, (await _portal.StoredSecretsAsync(row.Id))[VendorSecrets.ApiKey]);
        Assert.DoesNotContain(DeclaredKey, await _portal.RawSecretsColumnAsync(row.Id));
        var audit = Assert.Single(await _portal.AuditAsync(Declared));
        Assert.Equal(("connection.add", "configuration"), (audit.Action, audit.UserId));
    }

    [Fact]
    public async Task EditAndRemove_ManagedConnection_AreRefusedButPauseWorks()
    {
        var connections = _portal.Connections();
        var row = Assert.Single(await connections.ListAsync(Admin));
        var draft = (await connections.GetAsync(Admin, row.Id))!.Draft;
        draft.PollIntervalSeconds = 600;

        var edit = await Assert.ThrowsAsync<ConnectionChangeRefusedException>(() => connections.UpdateAsync(Admin, row.Id, draft));
        var remove = await Assert.ThrowsAsync<ConnectionChangeRefusedException>(() => connections.RemoveAsync(Admin, row.Id));
        await connections.PauseAsync(Admin, row.Id);

        Assert.All([edit, remove], refusal => Assert.Contains("managed by configuration", refusal.Message));
        var stored = (await _portal.ConnectionAsync(row.Id))!;
        Assert.Equal((120, true), (stored.PollIntervalSeconds, stored.IsPaused));
    }

    [Fact]
    public async Task Startup_InvalidDeclaredConnection_IsSkipped()
    {
        Assert.False(await _portal.QueryAsync(db => db.Connections.AnyAsync(c => c.Name == "Broken WebFones")));
    }

    public void Dispose() => _portal.Dispose();
}
