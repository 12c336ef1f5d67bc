using Microsoft.AspNetCore.Http;
using Portal.Telephony.Tests;
using Microsoft.EntityFrameworkCore;
using Portal.Sandbox.Vendors.WebFones;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Web.Vendors;
using static Portal.Web.Tests.Features.Connections.ConnectionTesting;
using Portal.Web.Features.Connections;

namespace Portal.Web.Tests.Features.Connections;

/// <summary>Stored secrets are bound to the origin (scheme, host, port) of the base URL they were entered for.</summary>
public class ConnectionOriginTests(PortalAppFactory portal) : IClassFixture<PortalAppFactory>
{
    private const string TypedKey = "typed-key-for-the-new-host";

    [Fact]
    public async Task Update_OtherHostWithoutSecrets_IsRefusedInWordsAndDropsNothing()
    {
        var connections = portal.Connections();
        var name = UniqueName("Moved");
        var id = await connections.AddAsync(Admin, portal.WebFonesDraft(name));
        var before = await portal.ConnectionAsync(id);
        var edited = (await connections.GetAsync(Admin, id))!.Draft;
        edited.BaseUrl = "https://collector.example:8443/webfones";

        var refused = await Assert.ThrowsAsync<ConnectionChangeRefusedException>(() => connections.UpdateAsync(Admin, id, edited));

        Assert.Equal($"API key is required. {ConnectionOrigin.ChangedReason}", refused.Message);
        var after = await portal.ConnectionAsync(id);
        Assert.Equal((before!.BaseUrl, before.ProtectedSecrets), (after!.BaseUrl, after.ProtectedSecrets));
        var entry = (await portal.AuditAsync(name)).Last();
        Assert.Equal(("connection.update", true, refused.Message), (entry.Action, entry.Refused, entry.Details));
    }

    [Fact]
    public async Task Update_OtherHostWithEverySecret_SavesAndDropsTheStoredSecrets()
    {
        var connections = portal.Connections();
        var name = UniqueName("NFON moved");
        var draft = portal.NfonDraft(name);
        draft.CredentialsFromOAuth = false;
        draft.Secrets[VendorSecrets.AccessToken] = "old-access-token";
        draft.Secrets[VendorSecrets.RefreshToken] = "old-refresh-token";
        draft.Secrets[VendorSecrets.TokenUrl] = "https://login.old.example/token";
        draft.Secrets[VendorSecrets.ClientId] = "old-client";
        var id = await connections.AddAsync(Admin, draft);
        var edited = (await connections.GetAsync(Admin, id))!.Draft;
        edited.BaseUrl = "https://api.other.example/call-history";
        edited.Secrets[VendorSecrets.AccessToken] = "new-access-token";

        await connections.UpdateAsync(Admin, id, edited);

        Assert.Equal(new Dictionary<string, string> { [VendorSecrets.AccessToken] = "new-access-token" }, await portal.StoredSecretsAsync(id));
        Assert.Equal("https://api.other.example/call-history", (await portal.ConnectionAsync(id))!.BaseUrl);
        var entry = (await portal.AuditAsync(name)).Last();
        Assert.EndsWith("stored secrets dropped", entry.Details);
        Assert.DoesNotContain("token", entry.Details!.Replace("AccessToken", ""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_ConnectWithNfonOnOtherHost_DropsTheStoredOAuthCredentials()
    {
        var connections = portal.Connections();
        var id = await connections.AddAsync(Admin, portal.NfonDraft(UniqueName("NFON OAuth moved")));
        await connections.StoreNfonOAuthAsync(Admin, id, "refresh-from-nfon", "https://login.nfon.example/token", "portal", CancellationToken.None);
        var edited = (await connections.GetAsync(Admin, id))!.Draft;
        edited.BaseUrl = "https://api.other.example/call-history";
        edited.CredentialsFromOAuth = true; // "Connect with NFON" saves first, then signs in at NFON again

        await connections.UpdateAsync(Admin, id, edited);

        Assert.Empty(await portal.StoredSecretsAsync(id));
    }

    [Theory]
    [InlineData("/webfones/v3")]
    [InlineData("/other-path")]
    public async Task Update_SameOriginOtherPath_KeepsTheStoredSecrets(string path)
    {
        var connections = portal.Connections();
        var id = await connections.AddAsync(Admin, portal.WebFonesDraft(UniqueName("Same origin")));
        var edited = (await connections.GetAsync(Admin, id))!.Draft;
        edited.BaseUrl = new Uri(portal.BaseAddress, path).ToString().ToUpperInvariant(); // scheme and host are case-insensitive

        await connections.UpdateAsync(Admin, id, edited);

        Assert.Equal(WebFonesSandbox.ApiKey, (await portal.StoredSecretsAsync(id))[VendorSecrets.ApiKey]);
    }

    [Fact]
    public async Task TestDraft_OtherHost_NeverSendsTheStoredSecretAndIsAudited()
    {
        await using var recorder = await LoopbackServer.StartAsync(http => { http.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; });
        var connections = portal.Connections();
        var name = UniqueName("Test elsewhere");
        var id = await connections.AddAsync(Admin, portal.WebFonesDraft(name));
        var edited = (await connections.GetAsync(Admin, id))!.Draft;
        edited.BaseUrl = new Uri(recorder.BaseAddress, "webfones").ToString();

        var withoutKey = await connections.TestAsync(Admin, edited, id);
        edited.Secrets[VendorSecrets.ApiKey] = TypedKey;
        var withTypedKey = await connections.TestAsync(Admin, edited, id);

        Assert.Equal($"API key is required. {ConnectionOrigin.ChangedReason}", withoutKey!.Message);
        Assert.Equal(VendorErrorKind.Authentication, withTypedKey!.Kind);
        Assert.NotEmpty(recorder.Received);
        Assert.All(recorder.Received, request =>
        {
            Assert.DoesNotContain(WebFonesSandbox.ApiKey, string.Join("\n", request.Headers.Values) + request.PathAndQuery + request.Body);
            Assert.Equal(TypedKey, request.Headers["x-api-key"]);
        });
        var tests = (await portal.AuditAsync(name)).Where(e => e.Action == ConnectionService.TestAction).ToList();
        Assert.Equal(2, tests.Count);
        var origin = recorder.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.Equal($"tested {origin}: {withoutKey.Message}", tests[0].Details);
        Assert.StartsWith($"tested {origin}: ", tests[1].Details);
        Assert.All(tests, e => Assert.DoesNotContain(TypedKey, e.Details));
    }

    [Fact]
    public async Task Test_StoredSettingsAndDraft_AreEachAudited()
    {
        var connections = portal.Connections();
        var name = UniqueName("Tested");
        var id = await connections.AddAsync(Admin, portal.WebFonesDraft(name));

        Assert.Null(await connections.TestAsync(Admin, id));
        Assert.Null(await connections.TestAsync(Admin, (await connections.GetAsync(Admin, id))!.Draft, id));

        var origin = portal.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.Equal([$"tested {origin}: the vendor accepted the settings", $"tested {origin}: the vendor accepted the settings"],
            (await portal.AuditAsync(name)).Where(e => e.Action == ConnectionService.TestAction).Select(e => e.Details));
    }

    [Fact]
    public async Task TestDraft_ConfigurationManagedWithEditedUrl_IsRefusedAndAudited()
    {
        await using var recorder = await LoopbackServer.StartAsync(http => { http.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; });
        var connections = portal.Connections();
        var name = UniqueName("Configured");
        var id = await connections.AddAsync(Admin, portal.WebFonesDraft(name));
        await portal.QueryAsync(db => db.Connections.Where(c => c.Id == id).ExecuteUpdateAsync(c => c.SetProperty(x => x.ManagedByConfiguration, true)));
        var edited = (await connections.GetAsync(Admin, id))!.Draft;
        edited.BaseUrl = new Uri(recorder.BaseAddress, "webfones").ToString();
        edited.Secrets[VendorSecrets.ApiKey] = TypedKey;

        var refused = await Assert.ThrowsAsync<ConnectionChangeRefusedException>(() => connections.TestAsync(Admin, edited, id));

        Assert.Contains("is managed by configuration (Portal:Connections): it is only tested at its configured address", refused.Message);
        Assert.Empty(recorder.Received);
        var entry = (await portal.AuditAsync(name)).Last();
        Assert.Equal((ConnectionService.TestAction, true), (entry.Action, entry.Refused));
        Assert.Null(await connections.TestAsync(Admin, (await connections.GetAsync(Admin, id))!.Draft, id)); // at its own address it is tested
    }
}
