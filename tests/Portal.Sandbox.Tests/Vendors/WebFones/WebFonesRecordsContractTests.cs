using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Sandbox.Vendors.WebFones;

namespace Portal.Sandbox.Tests.Vendors.WebFones;

/// <summary>GET /webfones/call_log/records_after_timestamp as the CONTRACT describes it.</summary>
public sealed class WebFonesRecordsContractTests(WebFonesEmulatorFixture fixture) : IClassFixture<WebFonesEmulatorFixture>
{
    private static readonly string[] Dispositions = ["ANSWERED", "NO ANSWER", "BUSY", "CANCEL", "FAILED", "CONGESTION"];

    [Fact]
    public async Task Records_WithApiKeyHeader_ReturnsSuccessCountAndRecordsOldestFirst()
    {
        using var client = fixture.Client();

        using var response = await client.GetAsync(WebFonesEmulatorFixture.RecordsAfter("2000-01-01 00:00:00"));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var root = document.RootElement;
        Assert.True(root.GetProperty("success").GetBoolean());
        var records = root.GetProperty("records").EnumerateArray().ToList();
        Assert.True(records.Count > 50, $"expected a few days of calls, got {records.Count}");
        Assert.Equal(records.Count, root.GetProperty("count").GetInt32());
        foreach (var record in records)
        {
            Assert.Equal(
                ["rid", "call_timestamp", "cidname_outside", "cidext_inside", "direction", "cidnumber_outside", "cidnumber_inside", "disposition", "duration", "billsec", "has_recording"],
                record.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Number, record.GetProperty("rid").ValueKind);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", record.GetProperty("call_timestamp").GetString());
            Assert.Contains(record.GetProperty("direction").GetString(), new[] { "INCOMING", "OUTGOING" });
            Assert.Matches(@"^(\(\d{3}\) \d{3}-\d{4}|\+[1-9][\d ]+)$", record.GetProperty("cidnumber_outside").GetString());
            Assert.Equal($"(212) 555-0100, x{record.GetProperty("cidext_inside").GetString()}", record.GetProperty("cidnumber_inside").GetString());
            Assert.Contains(record.GetProperty("disposition").GetString(), Dispositions);
            Assert.True(record.GetProperty("duration").GetInt32() >= record.GetProperty("billsec").GetInt32());
            Assert.Contains(record.GetProperty("has_recording").GetInt32(), new[] { 0, 1 });
        }
        var timestamps = records.Select(r => r.GetProperty("call_timestamp").GetString()!).ToList();
        Assert.Equal(timestamps.Order(StringComparer.Ordinal), timestamps);
        Assert.Contains(records, r => r.GetProperty("has_recording").GetInt32() == 1);
    }

    [Fact]
    public async Task Records_WithBearerKey_Returns200()
    {
        using var client = fixture.Client(apiKey: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WebFonesSandbox.ApiKey);

        using var response = await client.GetAsync(WebFonesEmulatorFixture.RecordsAfter("2000-01-01 00:00:00"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Records_WithoutApiKey_Returns401MissingApiKey()
    {
        using var client = fixture.Client(apiKey: null);

        using var response = await client.GetAsync(WebFonesEmulatorFixture.RecordsAfter("2000-01-01 00:00:00"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"error":"Missing API key"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Records_WithWrongApiKey_Returns403InvalidApiKey()
    {
        using var client = fixture.Client(apiKey: "not-the-key");

        using var response = await client.GetAsync(WebFonesEmulatorFixture.RecordsAfter("2000-01-01 00:00:00"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"error":"Invalid API key"}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/webfones/call_log/records_after_timestamp")]
    [InlineData("/webfones/call_log/records_after_timestamp?timestamp=")]
    public async Task Records_WithoutTimestamp_Returns400MissingTimestamp(string path)
    {
        using var client = fixture.Client();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"Missing timestamp in query"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Records_TimestampNotInTheDocumentedForm_Returns400()
    {
        using var client = fixture.Client();

        using var response = await client.GetAsync("/webfones/call_log/records_after_timestamp?timestamp=2025-07-01T14:53:43Z");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"Invalid timestamp format, expected YYYY-MM-DD HH:MM:SS"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Records_AfterTimestamp_AreStrictlyLater()
    {
        var all = await fixture.AllRecordsAsync();
        var middle = all[all.Length / 2];
        var timestamp = middle.GetProperty("call_timestamp").GetString()!;
        var secondBefore = DateTime.ParseExact(timestamp, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture).AddSeconds(-1)
            .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        using var client = fixture.Client();

        var after = await RecordsAsync(client, timestamp);
        var fromSecondBefore = await RecordsAsync(client, secondBefore);

        Assert.Equal(all.Count(r => string.CompareOrdinal(r.GetProperty("call_timestamp").GetString(), timestamp) > 0), after.Length);
        Assert.All(after, r => Assert.True(string.CompareOrdinal(r.GetProperty("call_timestamp").GetString(), timestamp) > 0));
        Assert.Contains(fromSecondBefore, r => r.GetProperty("rid").GetInt64() == middle.GetProperty("rid").GetInt64());
    }

    [Fact]
    public async Task Records_AfterTheLastCall_ReturnsTheDocumentedEmptyAnswer()
    {
        using var client = fixture.Client();

        using var response = await client.GetAsync(WebFonesEmulatorFixture.RecordsAfter("2999-01-01 00:00:00"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"success":true,"count":0,"records":[]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Records_TimestampWithEncodedColons_IsReadTheSame()
    {
        using var client = fixture.Client();

        var plain = await RecordsAsync(client, "2000-01-01 00:00:00");
        using var document = JsonDocument.Parse(await client.GetStringAsync("/webfones/call_log/records_after_timestamp?timestamp=2000-01-01%2000%3A00%3A00"));

        Assert.Equal(plain.Length, document.RootElement.GetProperty("count").GetInt32());
    }

    private static async Task<JsonElement[]> RecordsAsync(HttpClient client, string timestamp)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(WebFonesEmulatorFixture.RecordsAfter(timestamp)));
        return document.RootElement.GetProperty("records").EnumerateArray().Select(r => r.Clone()).ToArray();
    }
}
