using System.Globalization;
using System.Net;
using System.Text.Json;
using Portal.Sandbox.Faults;
using Portal.Sandbox.Vendors.NfonCallHistory;
using Portal.Telephony.Calls;
using static Portal.Sandbox.Tests.Vendors.NfonCallHistory.NfonEmulatorFixture;

namespace Portal.Sandbox.Tests.Vendors.NfonCallHistory;

/// <summary>GET /records and /records/{uuid}: paths, parameters, status codes and error bodies as the contract says.</summary>
public sealed class NfonRecordsContractTests(NfonEmulatorFixture sandbox) : IClassFixture<NfonEmulatorFixture>, IDisposable
{
    private static readonly string[] Statuses = ["answered", "missed", "cancelled", "unknown", "busy"];

    public void Dispose() => sandbox.Faults.Set(VendorKind.NfonCallHistory, VendorFaults.None);

    [Fact]
    public async Task GetRecords_NoToken_Returns401WithErrorBodyAndRequestId()
    {
        using var client = sandbox.Client(token: null);

        using var response = await client.GetAsync("records");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Request-Id"));
        Assert.Equal("Missing bearer token.", (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task GetRecords_TokensRevoked_StaticTokenGets401()
    {
        sandbox.Faults.Set(VendorKind.NfonCallHistory, new VendorFaults { TokensRevoked = true });
        using var client = sandbox.Client();

        using var response = await client.GetAsync("records?limit=1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("revoked", (await JsonAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRecords_Default_ReturnsEveryRecordNewestFirstWithRequestId()
    {
        using var client = sandbox.Client();

        using var response = await client.GetAsync("records");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("X-Request-Id"));
        var records = (await JsonAsync(response)).EnumerateArray().ToList();
        Assert.Equal(sandbox.Log.Current().Count, records.Count);
        var created = records.Select(r => r.GetProperty("created").GetDateTime()).ToList();
        Assert.Equal(created.OrderDescending(), created);
        Assert.All(records, record =>
        {
            Assert.Contains(record.GetProperty("status").GetString(), Statuses);
            Assert.Contains(record.GetProperty("direction").GetString(), (string[])["inbound", "outbound"]);
            Assert.Equal(NfonCallHistorySandbox.Customer, record.GetProperty("customer").GetString());
            foreach (var party in new[] { record.GetProperty("caller"), record.GetProperty("callee") })
            {
                var context = party.GetProperty("context").GetString();
                var number = party.GetProperty("number").GetString()!;
                Assert.True(context == NfonCallHistorySandbox.Customer || (context == "global" && number.All(char.IsAsciiDigit)), $"{context} {number}");
            }
        });
    }

    [Fact]
    public async Task GetRecords_AscWithLimitAndOffset_ReturnsThatSliceOldestFirst()
    {
        using var client = sandbox.Client();
        var expected = sandbox.Log.Current().Select(p => p.Call).OrderBy(c => c.StartedAtUtc).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Skip(5).Take(7).Select(c => c.Id);

        using var response = await client.GetAsync("records?sort=asc&limit=7&offset=5");

        Assert.Equal(expected, (await JsonAsync(response)).EnumerateArray().Select(r => r.GetProperty("uuid").GetString()));
    }

    [Fact]
    public async Task GetRecords_FromAndToInEpochSeconds_ReturnStrictlyBetween()
    {
        using var client = sandbox.Client();
        var starts = sandbox.Log.Current().Select(p => p.Call.StartedAtUtc).Order().ToList();
        var (from, to) = (starts[10], starts[20]);
        var expected = starts.Count(s => s > from && s < to);

        using var response = await client.GetAsync(
            $"records?from={new DateTimeOffset(from).ToUnixTimeSeconds()}&to={new DateTimeOffset(to).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");

        var created = (await JsonAsync(response)).EnumerateArray().Select(r => r.GetProperty("created").GetDateTime().ToUniversalTime()).ToList();
        Assert.Equal(expected, created.Count);
        Assert.All(created, c => Assert.True(c > from && c < to));
    }

    [Theory]
    [InlineData("records?from=1764000000000", "milliseconds")]
    [InlineData("records?from=yesterday", "seconds")]
    [InlineData("records?filter=status:busy", "Unknown filter")]
    [InlineData("records?sort=up", "sort")]
    [InlineData("records?limit=1001", "limit")]
    [InlineData("records?complete=yes", "complete")]
    [InlineData("records/not-a-uuid", "not a valid uuid")]
    public async Task GetRecords_BadParameter_Returns400WithErrorBody(string path, string mentions)
    {
        using var client = sandbox.Client();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Request-Id"));
        Assert.Contains(mentions, (await JsonAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRecords_Filters_AreCombinedWithAnd()
    {
        using var client = sandbox.Client();

        using var response = await client.GetAsync("records?filter=status:missed,direction:inbound");

        var records = (await JsonAsync(response)).EnumerateArray().ToList();
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal(("missed", "inbound"), (r.GetProperty("status").GetString(), r.GetProperty("direction").GetString())));
        var expected = sandbox.Log.Current().Count(p => NfonCallHistoryGroundTruth.VendorStatus(p.Call) == "missed" && p.Call.Direction != CallDirection.Outbound
            && (p.Call.Direction == CallDirection.Inbound || p.Call.Number % 2 == 0));
        Assert.Equal(expected, records.Count);
    }

    [Fact]
    public async Task GetRecords_InternalFilterAndSearch_MatchPartyNumbersAndNames()
    {
        using var client = sandbox.Client();

        var internalCalls = (await JsonAsync(await client.GetAsync("records?filter=internal:101"))).EnumerateArray().ToList();
        var searched = (await JsonAsync(await client.GetAsync("records?search=anna%20becker"))).EnumerateArray().ToList();

        Assert.NotEmpty(internalCalls);
        Assert.All(internalCalls, r => Assert.Contains("101", new[] { r.GetProperty("caller").GetProperty("number").GetString(), r.GetProperty("callee").GetProperty("number").GetString() }));
        Assert.Equal(internalCalls.Select(r => r.GetProperty("uuid").GetString()).Order(), searched.Select(r => r.GetProperty("uuid").GetString()).Order());
    }

    [Fact]
    public async Task GetRecords_CompleteFalse_KeepsAvailabilityWithoutTranscriptText()
    {
        using var client = sandbox.Client();

        var plain = (await JsonAsync(await client.GetAsync("records?filter=transcription"))).EnumerateArray().ToList();
        var complete = (await JsonAsync(await client.GetAsync("records?filter=transcription&complete=true"))).EnumerateArray().ToList();

        Assert.NotEmpty(plain);
        Assert.All(plain, r =>
        {
            var transcription = r.GetProperty("transcription");
            Assert.True(transcription.GetProperty("available").GetBoolean());
            Assert.False(transcription.TryGetProperty("transcript", out _));
            Assert.False(transcription.TryGetProperty("summary", out _));
        });
        Assert.All(complete, r =>
        {
            var transcription = r.GetProperty("transcription");
            Assert.NotEmpty(transcription.GetProperty("summary").GetString()!);
            Assert.Contains(transcription.GetProperty("transcript").EnumerateArray(), e => e.GetProperty("event").GetString() == "speech");
            Assert.NotNull(r.GetProperty("updated").GetString());
        });
    }

    [Fact]
    public async Task GetRecord_ByUuidWithComplete_ReturnsThatRecordWithTranscript()
    {
        using var client = sandbox.Client();
        var call = sandbox.Log.Current().First(p => p.Call.Transcript is not null).Call;

        var plain = await JsonAsync(await client.GetAsync($"records/{call.Id}"));
        var complete = await JsonAsync(await client.GetAsync($"records/{call.Id}?complete=true"));

        Assert.Equal(call.Id, plain.GetProperty("uuid").GetString());
        Assert.False(plain.GetProperty("transcription").TryGetProperty("transcript", out _));
        Assert.Equal(call.Transcript!.Summary, complete.GetProperty("transcription").GetProperty("summary").GetString());
    }

    [Fact]
    public async Task GetRecord_Unknown_Returns404WithErrorBody()
    {
        using var client = sandbox.Client();

        using var response = await client.GetAsync("records/00000000-0000-4000-8000-000000000000");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Request-Id"));
        Assert.Equal(JsonValueKind.String, (await JsonAsync(response)).GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task GetRecords_RateLimitStorm_Returns429WithRetryAfterInVendorFormat()
    {
        sandbox.Faults.Set(VendorKind.NfonCallHistory, new VendorFaults { RateLimitNextRequests = 1, RetryAfterSeconds = 7 });
        using var client = sandbox.Client();

        using var limited = await client.GetAsync("records?limit=1");
        using var next = await client.GetAsync("records?limit=1");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.Headers.RetryAfter?.Delta);
        Assert.True(limited.Headers.Contains("X-Request-Id"));
        Assert.Equal(JsonValueKind.String, (await JsonAsync(limited)).GetProperty("error").ValueKind);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task GetRecords_Malformed_BreaksCreatedRecognisably()
    {
        sandbox.Faults.Set(VendorKind.NfonCallHistory, new VendorFaults { MalformedRate = 1 });
        using var client = sandbox.Client();

        var records = (await JsonAsync(await client.GetAsync("records?limit=3"))).EnumerateArray().ToList();

        Assert.All(records, r => Assert.Equal(NfonCallHistorySandbox.MalformedCreated, r.GetProperty("created").GetString()));
    }

    [Fact]
    public void GroundTruth_BusyAndUnknownStatus_AreExpectedAsUnknownOutcome()
    {
        var calls = sandbox.Log.Current().Select(p => p.Call).ToList();

        Assert.All(calls.Where(c => NfonCallHistoryGroundTruth.VendorStatus(c) is "busy" or "unknown"),
            c => Assert.Equal(CallOutcome.Unknown, NfonCallHistoryGroundTruth.ExpectedOutcome(c)));
        Assert.All(calls.Where(c => NfonCallHistoryGroundTruth.VendorStatus(c) == "missed"),
            c => Assert.Equal(c.Direction == CallDirection.Outbound || (c.Direction == CallDirection.Internal && c.Number % 2 != 0)
                ? CallOutcome.NotConnected : CallOutcome.Missed, NfonCallHistoryGroundTruth.ExpectedOutcome(c)));
    }
}
