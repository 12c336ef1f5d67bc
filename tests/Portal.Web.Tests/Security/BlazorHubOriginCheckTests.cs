using System.Net;
using System.Net.WebSockets;
using System.Text.Json;

namespace Portal.Web.Tests.Security;

/// <summary>A portal that is also reached on https://portal.example.com (a proxy that does not forward the host).</summary>
public sealed class ExtraOriginPortal : IDisposable
{
    public PortalAppFactory App { get; } = PortalAppFactory.With(new() { ["ReverseProxy:AllowedOrigins:0"] = "https://portal.example.com" });

    public void Dispose() => App.Dispose();
}

public class BlazorHubOriginCheckTests(ExtraOriginPortal fixture) : IClassFixture<ExtraOriginPortal>
{
    private PortalAppFactory Portal => fixture.App;

    [Fact]
    public async Task Negotiate_FromAnotherSite_IsRefused()
    {
        using var client = await SignedInAsync();

        var response = await NegotiateAsync(client, "https://evil.example");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(Portal.SecurityEvents, e => e.GetStructuredStateValue("Action") == "blazor-hub.connect"
            && e.GetStructuredStateValue("UserName") == "Sam Supervisor" && e.GetStructuredStateValue("Target") == "POST /_blazor/negotiate"
            && e.GetStructuredStateValue("Reason")!.Contains("https://evil.example"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("https://portal.example.com")]
    public async Task Negotiate_FromThePortalOrAConfiguredOrigin_IsAccepted(string? origin)
    {
        using var client = await SignedInAsync();

        var response = await NegotiateAsync(client, origin ?? Portal.BaseAddress.GetLeftPart(UriPartial.Authority));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("connectionToken", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WebSocket_FromAnotherSite_IsRefused()
    {
        using var client = await SignedInAsync();
        var token = await ConnectionTokenAsync(client);

        using var evil = Connect(client, "https://evil.example");
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => evil.ConnectAsync(HubUri(token), CancellationToken.None));
        Assert.Contains("403", refused.Message);

        using var own = Connect(client, Portal.BaseAddress.GetLeftPart(UriPartial.Authority));
        await own.ConnectAsync(HubUri(await ConnectionTokenAsync(client)), CancellationToken.None);
        Assert.Equal(WebSocketState.Open, own.State);
    }

    private async Task<PortalClient> SignedInAsync()
    {
        var client = Portal.CreatePortalClient();
        await client.SignInAsync("supervisor", "supervisor");
        return client;
    }

    private static Task<HttpResponseMessage> NegotiateAsync(PortalClient client, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        return client.Http.SendAsync(request);
    }

    private async Task<string> ConnectionTokenAsync(PortalClient client)
    {
        var response = await NegotiateAsync(client, Portal.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("connectionToken").GetString()!;
    }

    private Uri HubUri(string token) => new($"ws://{Portal.BaseAddress.Authority}/_blazor?id={Uri.EscapeDataString(token)}");

    private static ClientWebSocket Connect(PortalClient client, string origin)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", origin);
        socket.Options.Cookies = client.Cookies;
        return socket;
    }
}
