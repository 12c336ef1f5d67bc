using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Portal.Sandbox.Tests.Vendors.NfonCti;

public sealed class NfonCtiCallContractTests(NfonCtiEmulatorFixture fixture) : IClassFixture<NfonCtiEmulatorFixture>
{
    [Fact]
    public async Task PostCalls_DefaultAccept_Returns202WithTheStartEvent()
    {
        using var client = await fixture.AuthorizedClientAsync();

        using var response = await client.PostAsJsonAsync("extensions/phone/calls",
            new { caller = "101", caller_context = "K1234", callee = "49301234567", callee_context = "global", extension = "101" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Request-Id"));
        var start = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Matches(@"^\w{8}-\w{4}-\w{4}-\w{4}-\w{12}$", start.GetProperty("uuid").GetString());
        Assert.Equal(("101", "K1234", "49301234567", "global", "101", "outbound", "start"),
            (Text(start, "caller"), Text(start, "caller_context"), Text(start, "callee"), Text(start, "callee_context"),
             Text(start, "extension"), Text(start, "direction"), Text(start, "state")));
    }

    [Fact]
    public async Task PostCalls_EventStreamAccept_SendsLimitedEventsFromStartToEnd()
    {
        using var client = await fixture.AuthorizedClientAsync();

        using var response = await NfonCtiEmulatorFixture.OpenStreamAsync(client, Originate(new { caller = "102", callee = "49301234567", callee_context = "global" }));
        var events = await NfonCtiEmulatorFixture.ReadEventsAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["start", "caller-dial", "caller-ring", "caller-answer", "dial", "ring", "answer", "end"], events.Select(e => Text(e, "state")));
        Assert.Single(events.Select(e => Text(e, "uuid")).Distinct());
        Assert.All(events, e => Assert.Equal(["uuid", "state", "updated"], e.EnumerateObject().Select(p => p.Name)));
    }

    [Theory]
    [InlineData("105", "49301234567", new[] { "start", "caller-dial", "caller-ring", "end" }, "reject")] // 105 is on do-not-disturb
    [InlineData("103", "49301234560", new[] { "start", "caller-dial", "caller-ring", "caller-answer", "dial", "end" }, "busy")]
    public async Task PostCalls_FailingParty_EndsWithTheVendorsErrorWord(string caller, string callee, string[] states, string error)
    {
        using var client = await fixture.AuthorizedClientAsync();

        using var response = await NfonCtiEmulatorFixture.OpenStreamAsync(client, Originate(new { caller, callee, callee_context = "global" }));
        var events = await NfonCtiEmulatorFixture.ReadEventsAsync(response);

        Assert.Equal(states, events.Select(e => Text(e, "state")));
        Assert.Equal(error, Text(events[^1], "error"));
    }

    [Theory]
    [InlineData("""{"caller":"101","callee":"49301234567","callee_context":"global","timeout":121}""", 400)]
    [InlineData("""{"caller":"101","callee":"+49301234567","callee_context":"global"}""", 400)]
    [InlineData("""{"caller":"101","callee":"0049301234567","callee_context":"global"}""", 400)]
    [InlineData("""{"caller":"101"}""", 400)]
    [InlineData("""{"caller":"999","callee":"49301234567","callee_context":"global"}""", 404)]
    [InlineData("""{"caller":"101","caller_context":"K9999","callee":"49301234567","callee_context":"global"}""", 403)]
    [InlineData("""{"caller":"101","callee":"meeting","callee_context":"conference"}""", 400)]
    [InlineData("""not json""", 400)]
    public async Task PostCalls_InvalidRequest_AnswersWithAnErrorBody(string body, int expected)
    {
        using var client = await fixture.AuthorizedClientAsync();

        using var response = await client.PostAsync("extensions/phone/calls", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.False(string.IsNullOrEmpty(await NfonCtiEmulatorFixture.ErrorTextAsync(response)));
    }

    [Fact]
    public async Task PostCalls_TimeoutOf120_IsAccepted()
    {
        using var client = await fixture.AuthorizedClientAsync();

        using var response = await client.PostAsJsonAsync("extensions/phone/calls", new { caller = "101", callee = "49301234567", callee_context = "global", timeout = 120 });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task DeleteCall_UuidNotMatchingThePattern_Returns400WithErrorBody()
    {
        using var client = await fixture.AuthorizedClientAsync();

        using var response = await client.DeleteAsync("extensions/phone/calls/not-a-call-uuid");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("uuid", await NfonCtiEmulatorFixture.ErrorTextAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteCall_UnknownCall_Returns404WithErrorBody()
    {
        using var client = await fixture.AuthorizedClientAsync();

        using var response = await client.DeleteAsync("extensions/phone/calls/715a1333-0174-40ea-8b38-67e289069476");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("Requested object (call)", await NfonCtiEmulatorFixture.ErrorTextAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteCall_CallBeingEstablished_Returns204AndTheProgressionEndsWithCancel()
    {
        using var client = await fixture.AuthorizedClientAsync();
        using var stream = await NfonCtiEmulatorFixture.OpenStreamAsync(client,
            Originate(new { caller = "104", callee = "49301234569", callee_context = "global" })); // ends in 9: rings on and on
        await using var events = new SseEvents(stream);
        var started = await events.ReadAsync(e => Text(e, "state") == "ring");

        using var deleted = await client.DeleteAsync("extensions/phone/calls/" + Text(started[0], "uuid"));
        var rest = await events.ReadAsync();

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsStringAsync());
        var end = Assert.Single(rest);
        Assert.Equal(("end", "cancel"), (Text(end, "state"), Text(end, "error")));
    }

    [Fact]
    public async Task DeleteCall_AnsweredCall_Returns404()
    {
        using var client = await fixture.AuthorizedClientAsync();
        using var stream = await NfonCtiEmulatorFixture.OpenStreamAsync(client, Originate(new { caller = "101", callee = "49301234567", callee_context = "global" }));
        var events = await NfonCtiEmulatorFixture.ReadEventsAsync(stream, e => Text(e, "state") == "answer");

        using var deleted = await client.DeleteAsync("extensions/phone/calls/" + Text(events[0], "uuid"));

        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/html")]
    public async Task GetCalls_AcceptOtherThanEventStream_Returns406WithErrorBody(string accept)
    {
        using var client = await fixture.AuthorizedClientAsync();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));

        using var response = await client.GetAsync("extensions/phone/calls");

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(await NfonCtiEmulatorFixture.ErrorTextAsync(response)));
    }

    [Fact]
    public async Task GetCalls_CallOriginatedAfterConnecting_StreamsFullCallObjectsOfTheTenant()
    {
        using var client = await fixture.AuthorizedClientAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "extensions/phone/calls");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var stream = await NfonCtiEmulatorFixture.OpenStreamAsync(client, request);

        using var started = await client.PostAsJsonAsync("extensions/phone/calls", new { caller = "121", callee = "49301234567", callee_context = "global" });
        var uuid = Text(await started.Content.ReadFromJsonAsync<JsonElement>(), "uuid");
        var events = await NfonCtiEmulatorFixture.ReadEventsAsync(stream, e => Text(e, "uuid") == uuid && Text(e, "state") == "end");

        var call = events.Where(e => Text(e, "uuid") == uuid).ToList();
        Assert.Equal(["start", "caller-dial", "caller-ring", "caller-answer", "dial", "ring", "answer", "end"], call.Select(e => Text(e, "state")));
        Assert.All(call, e => Assert.Equal(("121", "K1234", "49301234567", "global", "121", "K1234", "outbound"),
            (Text(e, "caller"), Text(e, "caller_context"), Text(e, "callee"), Text(e, "callee_context"), Text(e, "extension"), Text(e, "customer"), Text(e, "direction"))));
    }

    private static HttpRequestMessage Originate(object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "extensions/phone/calls") { Content = JsonContent.Create(body) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
