using System.Net;
using System.Text.Json;
using Portal.Sandbox.Vendors.Unpod;

namespace Portal.Sandbox.Tests.Vendors.Unpod;

/// <summary>The emulator with Sandbox:Unpod:RequireProductId, as the open-source server: Product-Id is needed, and only the sandbox's product has calls.</summary>
public sealed class UnpodEmulatorProductIdTests : IAsyncLifetime
{
    private SandboxHost _host = default!;

    public async Task InitializeAsync() =>
        _host = await SandboxHost.StartWithTrafficAsync(new FixedStartClock(), "--Sandbox:Unpod:RequireProductId=true", "--Sandbox:Traffic:HistoryDays=2",
            "--Sandbox:Traffic:LiveEnabled=false");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<HttpResponseMessage> GetAsync(string? productId)
    {
        using var client = new HttpClient { BaseAddress = _host.BaseAddress };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Token " + UnpodSandbox.Token);
        client.DefaultRequestHeaders.Add("Org-Handle", UnpodSandbox.OrgHandle);
        if (productId is not null)
        {
            client.DefaultRequestHeaders.Add("Product-Id", productId);
        }
        return await client.GetAsync("/unpod/api/v2/platform/call-logs/");
    }

    private static async Task<int> CountAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("count").GetInt32();
    }

    [Fact]
    public async Task CallLogs_WithoutProductId_Returns400()
    {
        using var response = await GetAsync(productId: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"status_code":400,"message":"Product-Id header is required."}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CallLogs_SandboxProduct_HasCallsAndAnotherHasNone()
    {
        Assert.True(await CountAsync(await GetAsync(UnpodSandbox.ProductId)) > 0);
        Assert.Equal(0, await CountAsync(await GetAsync("other-product")));
    }
}
