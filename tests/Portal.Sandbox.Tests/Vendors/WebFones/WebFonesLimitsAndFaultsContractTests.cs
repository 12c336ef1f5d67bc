using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Sandbox.Vendors.WebFones;

namespace Portal.Sandbox.Tests.Vendors.WebFones;

/// <summary>The emulator's own rate limit and the faults it answers in WebFones' format (each test its own sandbox).</summary>
public sealed class WebFonesLimitsAndFaultsContractTests
{
    private const string AnyTime = "2999-01-01 00:00:00";

    [Fact]
    public async Task Records_PastTheRequestLimitOfAKey_Returns429ForThatKeyOnly()
    {
        await using var host = await WebFonesEmulatorFixture.StartHostAsync("--Sandbox:WebFones:RequestLimit=3");
        using var client = WebFonesEmulatorFixture.ClientOf(host);
        using var otherKey = WebFonesEmulatorFixture.ClientOf(host, apiKey: "another-key");

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.GetAsync(WebFonesEmulatorFixture.RecordsAfter(AnyTime));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        using var refused = await client.GetAsync(WebFonesEmulatorFixture.RecordsAfter(AnyTime));
        using var other = await otherKey.GetAsync(WebFonesEmulatorFixture.RecordsAfter(AnyTime));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("""{"error":"Too many requests for this API key, please try again later."}""", await refused.Content.ReadAsStringAsync());
        Assert.Null(refused.Headers.RetryAfter); // WebFones documents none
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode); // counted apart, then refused for the key itself
    }

    [Fact]
    public async Task Records_PastTheRequestLimitWithoutKey_Returns429ForTheIp()
    {
        await using var host = await WebFonesEmulatorFixture.StartHostAsync("--Sandbox:WebFones:RequestLimit=2");
        using var client = WebFonesEmulatorFixture.ClientOf(host, apiKey: null);

        for (var i = 0; i < 2; i++)
        {
            using var unauthorized = await client.GetAsync(WebFonesEmulatorFixture.RecordsAfter(AnyTime));
            Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        }
        using var refused = await client.GetAsync(WebFonesEmulatorFixture.RecordsAfter(AnyTime));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("""{"error":"Too many requests from this IP, please try again later."}""", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Records_InjectedServerError_Returns500WithTheDocumentedBody()
    {
        await using var host = await WebFonesEmulatorFixture.StartHostAsync();
        using var client = WebFonesEmulatorFixture.ClientOf(host);
        (await client.PutAsJsonAsync("/sandbox/faults/WebFones", new { FailNextRequests = 1 })).EnsureSuccessStatusCode();

        using var failed = await client.GetAsync(WebFonesEmulatorFixture.RecordsAfter(AnyTime));
        using var next = await client.GetAsync(WebFonesEmulatorFixture.RecordsAfter(AnyTime));

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        using var body = JsonDocument.Parse(await failed.Content.ReadAsStringAsync());
        Assert.Equal(["error", "message", "timestamp"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Internal server error", body.RootElement.GetProperty("error").GetString());
        Assert.Equal("An unexpected error occurred", body.RootElement.GetProperty("message").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", body.RootElement.GetProperty("timestamp").GetString());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Records_InjectedRateLimitStorm_Returns429WithRetryAfter()
    {
        await using var host = await WebFonesEmulatorFixture.StartHostAsync();
        using var client = WebFonesEmulatorFixture.ClientOf(host);
        (await client.PutAsJsonAsync("/sandbox/faults/WebFones", new { RateLimitNextRequests = 1, RetryAfterSeconds = 7 })).EnsureSuccessStatusCode();

        using var refused = await client.GetAsync(WebFonesEmulatorFixture.RecordsAfter(AnyTime));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("""{"error":"Too many requests for this API key, please try again later."}""", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Records_KeyRevoked_Returns403InvalidApiKey()
    {
        await using var host = await WebFonesEmulatorFixture.StartHostAsync("--Sandbox:Faults:WebFones:TokensRevoked=true");
        using var client = WebFonesEmulatorFixture.ClientOf(host);

        using var response = await client.GetAsync(WebFonesEmulatorFixture.RecordsAfter(AnyTime));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"error":"Invalid API key"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Records_MalformedFault_BreaksTheTimestampOfThoseRecords()
    {
        await using var host = await WebFonesEmulatorFixture.StartHostAsync("--Sandbox:Faults:WebFones:MalformedRate=1");
        using var client = WebFonesEmulatorFixture.ClientOf(host);

        using var document = JsonDocument.Parse(await client.GetStringAsync(WebFonesEmulatorFixture.RecordsAfter("2000-01-01 00:00:00")));

        var records = document.RootElement.GetProperty("records").EnumerateArray().ToList();
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal(WebFonesRecords.MalformedTimestamp, r.GetProperty("call_timestamp").GetString()));
    }
}
