using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Sandbox.Vendors.Cinnox;

namespace Portal.Sandbox.Tests.Vendors.Cinnox;

public sealed class CinnoxEmulatorTests(EmulatorHost host) : IClassFixture<EmulatorHost>
{
    private const string CallDetail = "/cinnox/v1/api/apps/sandbox-app/data/call-detail";

    private static readonly string[] Statuses =
        ["Call Ended", "Declined", "Busy", "Not Answered", "Cancelled", "Abandoned", "Unreachable", "Call Failed"];

    private HttpClient Client(string? token = CinnoxSandbox.AppToken)
    {
        var client = host.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    private async Task<List<JsonElement>> GetRecordsAsync(string query)
    {
        using var response = await Client().GetAsync(CallDetail + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, body.RootElement.GetProperty("code").GetInt32());
        return body.RootElement.GetProperty("result").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, int code, string message)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($$"""{"code":{{code}},"message":"{{message}}"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CallDetail_AllRecords_AreOrderedByCallDateAscending()
    {
        var records = await GetRecordsAsync("?limit=500");

        Assert.NotEmpty(records);
        var dates = records.Select(r => DateTime.Parse(r.GetProperty("callDate").GetString()!, null, System.Globalization.DateTimeStyles.RoundtripKind)).ToList();
        Assert.Equal(dates.Order(), dates);
    }

    [Fact]
    public async Task CallDetail_Window_ReturnsCallDatesFromStartInclusiveToEndExclusive()
    {
        var all = await GetRecordsAsync("?limit=500");
        var start = all[10].GetProperty("callDate").GetString()!;
        var end = all[20].GetProperty("callDate").GetString()!;

        var window = await GetRecordsAsync($"?startAt={start}&endAt={end}&limit=500");

        Assert.Equal(start, window[0].GetProperty("callDate").GetString());
        Assert.All(window, r => Assert.True(string.CompareOrdinal(r.GetProperty("callDate").GetString(), start) >= 0
                                            && string.CompareOrdinal(r.GetProperty("callDate").GetString(), end) < 0));
        Assert.Equal(all.Count(r => string.CompareOrdinal(r.GetProperty("callDate").GetString(), start) >= 0
                                    && string.CompareOrdinal(r.GetProperty("callDate").GetString(), end) < 0), window.Count);
    }

    [Fact]
    public async Task CallDetail_OffsetAndLimit_PageThroughTheSameOrder()
    {
        var all = await GetRecordsAsync("?limit=500");
        var paged = new List<JsonElement>();
        for (var offset = 0; ; offset += 7)
        {
            var page = await GetRecordsAsync($"?offset={offset}&limit=7");
            paged.AddRange(page);
            if (page.Count < 7)
            {
                break;
            }
        }

        Assert.Equal(all.Select(r => r.GetProperty("id").GetString()), paged.Select(r => r.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task CallDetail_NoLimit_ReturnsTheDefaultOf100()
    {
        Assert.Equal(CinnoxSandbox.DefaultLimit, (await GetRecordsAsync("")).Count);
    }

    [Fact]
    public async Task CallDetail_Records_CarryTheDocumentedFieldsAndBothTypeVariants()
    {
        var records = await GetRecordsAsync("?limit=500");

        Assert.Contains(records, r => r.GetProperty("caller").ValueKind == JsonValueKind.Number);
        Assert.Contains(records, r => r.GetProperty("caller").ValueKind == JsonValueKind.String);
        Assert.Contains(records, r => r.GetProperty("callee").ValueKind == JsonValueKind.Number);
        Assert.Contains(records, r => r.GetProperty("callee").ValueKind == JsonValueKind.String);
        var files = records.SelectMany(r => r.GetProperty("recordingEventList").EnumerateArray()).SelectMany(e => e.GetProperty("files").EnumerateArray()).ToList();
        Assert.Contains(files, f => f.GetProperty("type").ValueKind == JsonValueKind.Number && f.GetProperty("type").GetInt32() == 3);
        Assert.Contains(files, f => f.GetProperty("type").ValueKind == JsonValueKind.String && f.GetProperty("type").GetString() == "3");
        Assert.All(records, r =>
        {
            Assert.Contains(r.GetProperty("status").GetString(), Statuses);
            Assert.Contains(r.GetProperty("callDirection").GetString(), new[] { "Inbound", "Outbound" });
            Assert.Equal("call", r.GetProperty("type").GetString());
            var callDate = DateTime.Parse(r.GetProperty("callDate").GetString()!, null, System.Globalization.DateTimeStyles.RoundtripKind);
            Assert.Equal(callDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), r.GetProperty("date").GetString());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", r.GetProperty("callEndTime").GetString());
            Assert.Equal(r.GetProperty("hasAudioFile").GetBoolean(), r.GetProperty("recordingEventList").GetArrayLength() > 0);
        });
        Assert.Equal(Statuses.Order(), records.Select(r => r.GetProperty("status").GetString()).Distinct().Order());
    }

    [Fact]
    public async Task CallDetail_StatusFilter_ReturnsOnlyThatStatus()
    {
        var records = await GetRecordsAsync("?status=Not%20Answered&limit=500");

        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal("Not Answered", r.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("?limit=501", "exceed maximum limit 500")]
    [InlineData("?limit=-1", "negative limit")]
    [InlineData("?offset=-1", "negative offset")]
    [InlineData("?startAt=2025-01-01T00:00:00.000Z", "missing one of startAt, endAt")]
    [InlineData("?endAt=2025-01-01T00:00:00.000Z", "missing one of startAt, endAt")]
    [InlineData("?startAt=2025-01-02T00:00:00.000Z&endAt=2025-01-01T00:00:00.000Z", "endAt is prior to startAt")]
    [InlineData("?startAt=yesterday&endAt=2025-01-01T00:00:00.000Z", "Bad query")]
    [InlineData("?callType=pstn", "Bad query")]
    public async Task CallDetail_BadParameter_Returns400WithCode6451000(string query, string message)
    {
        using var response = await Client().GetAsync(CallDetail + query);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, 6451000, message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task CallDetail_MissingOrWrongToken_Returns401(string? token)
    {
        using var response = await Client(token).GetAsync(CallDetail);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, 401, "Unauthorized: invalid or missing App Token");
    }

    [Fact]
    public async Task CallDetail_OtherAppId_Returns403()
    {
        using var response = await Client().GetAsync("/cinnox/v1/api/apps/other-app/data/call-detail");

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, 403, "Forbidden: the App Token does not belong to app other-app");
    }

    [Fact]
    public async Task CallDetail_WrongMethod_Returns404WithCode6450001()
    {
        using var response = await Client().PostAsync(CallDetail, null);

        await AssertErrorAsync(response, HttpStatusCode.NotFound, 6450001, "method not found, method: POST url: /v1/api/apps/sandbox-app/data/call-detail");
    }

    [Fact]
    public async Task Recording_WithToken_ReturnsTheWav()
    {
        var record = (await GetRecordsAsync("?limit=500")).First(r => r.GetProperty("recordingEventList").GetArrayLength() > 0);
        var file = record.GetProperty("recordingEventList")[0].GetProperty("files")[0];
        var url = new Uri(file.GetProperty("downloadUrl").GetString()!);
        Assert.Equal(host.BaseAddress.Authority, url.Authority);

        using var response = await Client().GetAsync(url);
        using var anonymous = await Client(token: null).GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(file.GetProperty("size").GetInt64(), bytes.Length);
        Assert.Equal("RIFF"u8.ToArray(), bytes[..4]);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Recording_UnknownFile_Returns404()
    {
        using var response = await Client().GetAsync("/cinnox/v1/api/apps/sandbox-app/recordings/rf00000000000000000000000000000000");

        await AssertErrorAsync(response, HttpStatusCode.NotFound, 404, "recording not found");
    }
}
