using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests.Unpod;

/// <summary>What the adapter sends, seen by a loopback server: headers and both date-filter forms (the docs' and the open-source server's).</summary>
public sealed class UnpodAdapterRequestTests : IAsyncLifetime
{
    private static readonly DateTime Since = new(2026, 3, 14, 8, 0, 0, DateTimeKind.Utc);
    private UnpodRecorder _server = default!;

    public async Task InitializeAsync() => _server = await UnpodRecorder.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ReadSince_ProductIdSet_SendsItAsProductIdHeader()
    {
        await UnpodTesting.ReadAllAsync(_server.Source(productId: "product-7"), Since);

        var (_, headers) = Assert.Single(_server.Requests);
        Assert.Equal("product-7", headers["Product-Id"].ToString());
        Assert.Equal("org", headers["Org-Handle"].ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task ReadSince_NoProductId_SendsNoProductIdHeader(string? productId)
    {
        await UnpodTesting.ReadAllAsync(_server.Source(productId), Since);

        var (_, headers) = Assert.Single(_server.Requests);
        Assert.False(headers.ContainsKey("Product-Id"));
    }

    [Fact]
    public async Task ReadSince_Window_SentExactAsStartDateAndADayWiderAsStartTime()
    {
        await UnpodTesting.ReadAllAsync(_server.Source(), Since);

        var (query, _) = Assert.Single(_server.Requests);
        Assert.Equal("2026-03-14T08:00:00.000000Z", query["start_date"].ToString());
        Assert.Equal("2026-03-15T10:30:00.000000Z", query["end_date"].ToString());
        Assert.Equal("13-03-2026 08:00:00", query["start_time"].ToString());
        Assert.Equal("16-03-2026 10:30:00", query["end_time"].ToString());
    }

    [Fact]
    public async Task ReadSince_ServerAnswersWholeDays_KeepsOnlyTheCallsOfTheWindow()
    {
        string Record(string created) => $$"""
            {"source_number": "+493012345", "destination_number": "+493099999", "call_type": "inbound", "call_status": "missed",
             "creation_time": "{{created}}", "start_time": null, "end_time": null, "call_duration": 0, "end_reason": "no_answer"}
            """;
        _server.Answer = $$"""
            {"count": 4, "status_code": 200, "message": "Call logs fetched successfully", "data": [
              {{Record("2026-03-13T23:59:59.000000Z")}}, {{Record("2026-03-14T08:00:00.000000Z")}},
              {{Record("2026-03-15T10:29:59.999999Z")}}, {{Record("2026-03-15T10:30:00.000000Z")}}]}
            """;

        var (calls, skipped, pages) = await UnpodTesting.ReadAllAsync(_server.Source(), Since);

        Assert.Empty(skipped);
        Assert.Equal([Since, new DateTime(2026, 3, 15, 10, 29, 59, DateTimeKind.Utc).AddTicks(9_999_990)], calls.Select(c => c.StartedAtUtc));
        Assert.Equal(UnpodRecorder.Now.UtcDateTime, Assert.Single(pages).Watermark);
    }

    [Fact]
    public async Task TestConnection_NoCallsAtAll_WarnsThatTheOrganisationHandleMayBeWrong()
    {
        var result = await _server.Source().TestConnectionAsync(CancellationToken.None);

        Assert.NotNull(result);
        Assert.True(result.IsWarning);
        Assert.Equal(VendorErrorKind.NoData, result.Kind);
        Assert.StartsWith("No calls found for this organisation handle ('org').", result.Message, StringComparison.Ordinal);
        var (query, _) = Assert.Single(_server.Requests);
        Assert.False(query.ContainsKey("start_date") || query.ContainsKey("start_time"), "The test asks for the whole history.");
    }
}
