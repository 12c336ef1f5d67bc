using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Sandbox.Vendors.Unpod;

namespace Portal.Sandbox.Tests.Vendors.Unpod;

/// <summary>Faults set through the sandbox's control endpoint; a host of their own.</summary>
public sealed class UnpodEmulatorFaultTests(EmulatorHost host) : IClassFixture<EmulatorHost>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        using var client = host.CreateClient();
        (await client.PutAsJsonAsync("/sandbox/faults/Unpod", new { })).EnsureSuccessStatusCode();
    }

    private async Task<HttpResponseMessage> GetWithFaultsAsync(object faults)
    {
        using var client = host.CreateClient();
        (await client.PutAsJsonAsync("/sandbox/faults/Unpod", faults)).EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Token " + UnpodSandbox.Token);
        client.DefaultRequestHeaders.Add("Org-Handle", UnpodSandbox.OrgHandle);
        return await client.GetAsync("/unpod/api/v2/platform/call-logs/?page_size=5");
    }

    [Fact]
    public async Task CallLogs_RateLimitStorm_Returns429WithRetryAfter()
    {
        using var response = await GetWithFaultsAsync(new { rateLimitNextRequests = 1, retryAfterSeconds = 2 });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal("""{"status_code":429,"message":"Too many requests, please try again later."}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CallLogs_TokensRevoked_Returns401InvalidToken()
    {
        using var response = await GetWithFaultsAsync(new { tokensRevoked = true });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"status_code":401,"message":"Invalid token."}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CallLogs_MalformedRate1_BreaksCreationTimeOfEveryRecord()
    {
        using var response = await GetWithFaultsAsync(new { malformedRate = 1.0 });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.All(body.GetProperty("data").EnumerateArray(),
            r => Assert.Equal(UnpodExpectations.MalformedCreationTime, r.GetProperty("creation_time").GetString()));
    }
}
