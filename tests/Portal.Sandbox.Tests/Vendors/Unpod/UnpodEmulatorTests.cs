using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Portal.Sandbox.Vendors.Unpod;

namespace Portal.Sandbox.Tests.Vendors.Unpod;

public sealed class UnpodEmulatorTests(EmulatorHost host) : IClassFixture<EmulatorHost>
{
    private const string CallLogs = "/unpod/api/v2/platform/call-logs/";

    private HttpClient Client(string? authorization = "Token " + UnpodSandbox.Token, string? orgHandle = UnpodSandbox.OrgHandle)
    {
        var client = host.CreateClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }
        if (orgHandle is not null)
        {
            client.DefaultRequestHeaders.Add("Org-Handle", orgHandle);
        }
        return client;
    }

    private async Task<JsonElement> GetAsync(string query)
    {
        using var response = await Client().GetAsync(CallLogs + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(200, body.GetProperty("status_code").GetInt32());
        Assert.Equal("Call logs fetched successfully", body.GetProperty("message").GetString());
        return body;
    }

    private async Task<List<JsonElement>> GetAllAsync(string filters = "")
    {
        var first = await GetAsync("?page_size=100" + filters);
        var count = first.GetProperty("count").GetInt32();
        var records = first.GetProperty("data").EnumerateArray().ToList();
        for (var page = 2; page <= (count + 99) / 100; page++)
        {
            records.AddRange((await GetAsync($"?page={page}&page_size=100{filters}")).GetProperty("data").EnumerateArray());
        }
        Assert.Equal(count, records.Count);
        return records;
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal($$"""{"status_code":{{(int)status}},"message":"{{message}}"}""", await response.Content.ReadAsStringAsync());
    }

    private static DateTime Created(JsonElement record) =>
        DateTime.Parse(record.GetProperty("creation_time").GetString()!, null, System.Globalization.DateTimeStyles.RoundtripKind);

    [Fact]
    public async Task CallLogs_NoQuery_ReturnsTheEnvelopeWithTwentyRecordsAndTheTotalCount()
    {
        var body = await GetAsync("");

        Assert.Equal(20, body.GetProperty("data").GetArrayLength());
        Assert.True(body.GetProperty("count").GetInt32() > 20);
    }

    [Fact]
    public async Task CallLogs_AllPages_AreOrderedByCreationTimeAscending()
    {
        var records = await GetAllAsync();

        var created = records.Select(Created).ToList();
        Assert.Equal(created.Order(), created);
    }

    [Fact]
    public async Task CallLogs_Records_MixTheDocumentedFormats()
    {
        var records = await GetAllAsync();

        Assert.Contains(records, r => r.GetProperty("call_duration").ValueKind == JsonValueKind.Number);
        Assert.Contains(records, r => r.GetProperty("call_duration").ValueKind == JsonValueKind.String);
        Assert.Contains(records, r => r.TryGetProperty("id", out _));
        Assert.Contains(records, r => !r.TryGetProperty("id", out _));
        Assert.Contains(records, r => r.GetProperty("end_reason").GetString()!.Contains('_', StringComparison.Ordinal));
        Assert.Contains(records, r => r.GetProperty("end_reason").GetString()!.Contains('-', StringComparison.Ordinal));
        Assert.Equal(["completed", "failed", "missed", "no-answer"], records.Select(r => r.GetProperty("call_status").GetString()).Distinct().Order());
        Assert.All(records, r =>
        {
            Assert.StartsWith("+", r.GetProperty("source_number").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("+", r.GetProperty("destination_number").GetString(), StringComparison.Ordinal);
            Assert.Contains(r.GetProperty("call_type").GetString(), new[] { "inbound", "outbound" });
            var answered = r.GetProperty("call_status").GetString() == "completed";
            Assert.Equal(answered, r.GetProperty("start_time").ValueKind == JsonValueKind.String);
            Assert.Equal(answered, r.GetProperty("end_time").ValueKind == JsonValueKind.String);
            if (r.GetProperty("call_duration").ValueKind == JsonValueKind.String)
            {
                Assert.Matches(@"^\d+:\d\d:\d\d$", r.GetProperty("call_duration").GetString());
            }
        });
        Assert.All(records.Where(r => r.GetProperty("call_type").GetString() == "outbound"),
            r => Assert.NotEqual("missed", r.GetProperty("call_status").GetString()));
    }

    [Fact]
    public async Task CallLogs_DateTimeWindow_FiltersCreationTimeStartInclusiveEndExclusive()
    {
        var all = await GetAllAsync();
        var start = all[10].GetProperty("creation_time").GetString()!;
        var end = all[30].GetProperty("creation_time").GetString()!;

        var window = await GetAllAsync($"&start_date={start}&end_date={end}");

        Assert.Equal(all.Where(r => Created(r) >= Created(all[10]) && Created(r) < Created(all[30])).Select(r => r.GetRawText()),
            window.Select(r => r.GetRawText()));
        Assert.Equal(start, window[0].GetProperty("creation_time").GetString());
    }

    [Fact]
    public async Task CallLogs_BareDates_IncludeTheWholeEndDay()
    {
        var all = await GetAllAsync();
        var day = Created(all[^1]).Date;
        var text = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var window = await GetAllAsync($"&start_date={text}&end_date={text}");

        Assert.Equal(all.Count(r => Created(r).Date == day), window.Count);
        Assert.NotEmpty(window);
    }

    [Theory]
    [InlineData("call_type", "inbound")]
    [InlineData("call_status", "no-answer")]
    [InlineData("call_status", "missed")]
    public async Task CallLogs_Filter_ReturnsOnlyMatchingRecords(string filter, string value)
    {
        var records = await GetAllAsync($"&{filter}={value}");

        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal(value, r.GetProperty(filter).GetString()));
    }

    [Fact]
    public async Task CallLogs_PagePastTheLast_Returns404InvalidPage()
    {
        var count = (await GetAsync("?page_size=100")).GetProperty("count").GetInt32();

        using var response = await Client().GetAsync($"{CallLogs}?page={(count + 99) / 100 + 1}&page_size=100");

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "Invalid page.");
    }

    [Theory]
    [InlineData("?page_size=101", "page_size must be an integer from 1 to 100.")]
    [InlineData("?page_size=0", "page_size must be an integer from 1 to 100.")]
    [InlineData("?start_date=yesterday", "start_date must be an ISO 8601 date or date-time.")]
    [InlineData("?end_date=2026-13-01", "end_date must be an ISO 8601 date or date-time.")]
    [InlineData("?start_time=2026-06-10T00:00:00Z", "start_time must be dd-mm-YYYY HH:MM:SS.")]
    [InlineData("?end_time=31-02-2026%2000:00:00", "end_time must be dd-mm-YYYY HH:MM:SS.")]
    [InlineData("?call_type=internal", "call_type must be inbound or outbound.")]
    [InlineData("?call_status=busy", "call_status must be completed, missed, failed or no-answer.")]
    public async Task CallLogs_BadFilter_Returns400(string query, string message)
    {
        using var response = await Client().GetAsync(CallLogs + query);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, message);
    }

    [Theory]
    [InlineData(null, "Authentication credentials were not provided.")]
    [InlineData("Bearer " + UnpodSandbox.Token, "Authentication credentials were not provided.")]
    [InlineData("Token wrong", "Invalid token.")]
    public async Task CallLogs_MissingOrWrongToken_Returns401(string? authorization, string message)
    {
        using var response = await Client(authorization).GetAsync(CallLogs);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, message);
    }

    [Fact]
    public async Task CallLogs_MissingOrgHandle_Returns400()
    {
        using var response = await Client(orgHandle: null).GetAsync(CallLogs);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "Org-Handle header is required.");
    }

    [Fact]
    public async Task CallLogs_UnknownOrgHandle_Returns200WithNoCalls()
    {
        using var response = await Client(orgHandle: "other-org").GetAsync(CallLogs);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((0, 0), (body.GetProperty("count").GetInt32(), body.GetProperty("data").GetArrayLength()));
    }

    [Fact]
    public async Task CallLogs_ServerTimeWindow_FiltersCreationTimeByDateBothDaysIncluded()
    {
        var all = await GetAllAsync();
        var first = Created(all[0]).Date.AddDays(1);
        var last = Created(all[^1]).Date.AddDays(-1);

        // Times inside the days do not matter: the server compares dates only.
        var window = await GetAllAsync($"&start_time={first:dd-MM-yyyy} 23:59:59&end_time={last:dd-MM-yyyy} 00:00:00");

        Assert.Equal(all.Where(r => Created(r).Date >= first && Created(r).Date <= last).Select(r => r.GetRawText()),
            window.Select(r => r.GetRawText()));
        Assert.InRange(window.Count, 1, all.Count - 2);
    }

    [Fact]
    public async Task CallLogs_BothDateForms_BothApply()
    {
        var all = await GetAllAsync();
        var start = all[10].GetProperty("creation_time").GetString()!;
        var last = Created(all[^1]);

        var window = await GetAllAsync($"&start_date={start}&start_time={last:dd-MM-yyyy} 00:00:00");

        Assert.Equal(all.Where(r => Created(r) >= Created(all[10]) && Created(r).Date >= last.Date).Select(r => r.GetRawText()),
            window.Select(r => r.GetRawText()));
    }

    [Fact]
    public async Task CallLogs_WithoutTrailingSlash_Returns404()
    {
        using var response = await Client().GetAsync(CallLogs.TrimEnd('/'));

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "Not found.");
    }

    [Fact]
    public async Task Organizations_TokenOnly_ListsTheSandboxHandle()
    {
        using var response = await Client(orgHandle: null).GetAsync("/unpod/api/v2/platform/organizations/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, body.GetProperty("count").GetInt32());
        Assert.Equal(UnpodSandbox.OrgHandle, body.GetProperty("data")[0].GetProperty("domain_handle").GetString());
    }

    [Fact]
    public async Task Organizations_NoToken_Returns401()
    {
        using var response = await Client(authorization: null).GetAsync("/unpod/api/v2/platform/organizations/");

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "Authentication credentials were not provided.");
    }
}
