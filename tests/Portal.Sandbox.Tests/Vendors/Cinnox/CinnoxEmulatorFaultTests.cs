using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Portal.Sandbox.Vendors.Cinnox;

namespace Portal.Sandbox.Tests.Vendors.Cinnox;

/// <summary>Faults set through the sandbox's control endpoint; a host of their own.</summary>
public sealed class CinnoxEmulatorFaultTests(EmulatorHost host) : IClassFixture<EmulatorHost>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        using var client = host.CreateClient();
        (await client.PutAsJsonAsync("/sandbox/faults/Cinnox", new { })).EnsureSuccessStatusCode();
    }

    private async Task<HttpResponseMessage> GetWithFaultsAsync(object faults)
    {
        using var client = host.CreateClient();
        (await client.PutAsJsonAsync("/sandbox/faults/Cinnox", faults)).EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CinnoxSandbox.AppToken);
        return await client.GetAsync("/cinnox/v1/api/apps/sandbox-app/data/call-detail?limit=5");
    }

    [Fact]
    public async Task CallDetail_RateLimitStorm_Returns429WithCode6451010AndRetryAfter()
    {
        using var response = await GetWithFaultsAsync(new { rateLimitNextRequests = 1, retryAfterSeconds = 2 });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal("""{"code":6451010,"message":"Too many requests"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CallDetail_ServerErrorBurst_Returns500WithCode6451001()
    {
        using var response = await GetWithFaultsAsync(new { failNextRequests = 1 });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"code":6451001,"message":"Bad response from the service"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CallDetail_TokensRevoked_Returns401()
    {
        using var response = await GetWithFaultsAsync(new { tokensRevoked = true });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task CallDetail_MalformedRate1_BreaksCallDateOfEveryRecord()
    {
        using var response = await GetWithFaultsAsync(new { malformedRate = 1.0 });

        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.All(body.GetProperty("result").EnumerateArray(), r => Assert.Equal(CinnoxExpectations.MalformedCallDate, r.GetProperty("callDate").GetString()));
    }
}
