using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Portal.Sandbox.Vendors.NfonCallHistory;
using Portal.Telephony.Connections;
using Portal.Web.Vendors;
using static Portal.Web.Tests.Features.Connections.ConnectionTesting;
using Portal.Web.Features.Connections;

namespace Portal.Web.Tests.Features.Connections;

/// <summary>"Connect with NFON" against the in-process sandbox, walked like a browser.</summary>
public class NfonConnectTests(PortalAppFactory portal) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task Connect_Admin_StoresRefreshTokenThatWorks()
    {
        var name = UniqueName("NFON OAuth");
        var id = await portal.Connections().AddAsync(Admin, portal.NfonDraft(name));
        using var client = portal.CreatePortalClient();
        await client.SignInAsync("admin", "admin");

        var page = await client.GetFollowingAsync(NfonConnectEndpoints.ConnectPath(id));

        await PortalClient.ReadOkHtmlAsync(page);
        var landed = page.RequestMessage!.RequestUri!;
        Assert.Equal("/connections", landed.AbsolutePath);
        Assert.Equal("connected", QueryHelpers.ParseQuery(landed.Query)["nfon"]);
        var secrets = await portal.StoredSecretsAsync(id);
        Assert.False(string.IsNullOrEmpty(secrets[VendorSecrets.RefreshToken]));
        Assert.Equal(new Uri(portal.BaseAddress, NfonCallHistorySandbox.TokenPath).ToString(), secrets[VendorSecrets.TokenUrl]);
        Assert.Equal(NfonCallHistorySandbox.ClientId, secrets[VendorSecrets.ClientId]);
        Assert.DoesNotContain(secrets[VendorSecrets.RefreshToken], await portal.RawSecretsColumnAsync(id));
        Assert.Equal(["connection.add", "connection.nfon-connect"], (await portal.AuditAsync(name)).Select(e => e.Action));
        Assert.Null(await portal.Connections().TestAsync(Admin, id));
    }

    [Fact]
    public async Task Connect_Redirect_CarriesPkceAndProtectedState()
    {
        var id = await portal.Connections().AddAsync(Admin, portal.NfonDraft(UniqueName("NFON redirect")));
        using var client = portal.CreatePortalClient();
        await client.SignInAsync("admin", "admin");

        var response = await client.Http.GetAsync(NfonConnectEndpoints.ConnectPath(id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(new Uri(portal.BaseAddress, NfonCallHistorySandbox.AuthorizePath).AbsolutePath, location.AbsolutePath);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(("S256", "portal", "code"), (query["code_challenge_method"].ToString(), query["client_id"].ToString(), query["response_type"].ToString()));
        Assert.Equal(new Uri(portal.BaseAddress, NfonConnectEndpoints.CallbackPath).ToString(), query["redirect_uri"]);
        Assert.DoesNotContain(Admin.Id, query["state"].ToString()); // encrypted, not readable on the way
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("forged")]
    [InlineData("expired")]
    [InlineData("another user")]
    public async Task Callback_BadState_IsRefusedAndStoresNothing(string state)
    {
        var id = await portal.Connections().AddAsync(Admin, portal.NfonDraft(UniqueName("NFON state")));
        using var client = portal.CreatePortalClient();
        await client.SignInAsync("admin", "admin");
        var protection = portal.Services.GetRequiredService<IDataProtectionProvider>();
        NfonConnectEndpoints.ConnectState Carrying(string userId) => new(id, new string('v', 43), userId,
            new Uri(portal.BaseAddress, NfonCallHistorySandbox.TokenPath).ToString(), NfonCallHistorySandbox.ClientId,
            new Uri(portal.BaseAddress, NfonConnectEndpoints.CallbackPath).ToString());
        var stateParameter = state switch
        {
            "missing" => "",
            "forged" => "CfDJ8forged-state-value",
            "expired" => NfonConnectEndpoints.ProtectState(protection, Carrying(Admin.Id), DateTimeOffset.UtcNow.AddMinutes(-1)),
            _ => NfonConnectEndpoints.ProtectState(protection, Carrying("dev-someone-else"), DateTimeOffset.UtcNow.AddMinutes(5)),
        };

        var response = await client.Http.GetAsync($"{NfonConnectEndpoints.CallbackPath}?code=any&state={Uri.EscapeDataString(stateParameter)}");

        Assert.Equal(state == "another user" ? HttpStatusCode.Forbidden : HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await portal.StoredSecretsAsync(id));
    }
}
