using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Sandbox.Company;
using Portal.Sandbox.Faults;

namespace Portal.Sandbox.Tests.Vendors.NfonCti;

public sealed partial class NfonCtiExtensionContractTests(NfonCtiEmulatorFixture fixture) : IClassFixture<NfonCtiEmulatorFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.ClearFaultsAsync();

    [Fact]
    public async Task GetData_ValidToken_ReturnsEveryExtensionWithItsTenantUuid()
    {
        using var client = await fixture.AuthorizedClientAsync();

        using var response = await client.GetAsync("extensions/phone/data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Request-Id"));
        var entries = await response.Content.ReadFromJsonAsync<JsonElement[]>();
        Assert.Equal(SandboxCompany.Extensions.Select(e => ((string?)$"{e.Number}@K1234", (string?)e.Number, (string?)e.Name)),
            entries!.Select(e => (e.GetProperty("uuid").GetString(), e.GetProperty("extension_number").GetString(), e.GetProperty("name").GetString())));
    }

    [Fact]
    public async Task GetStates_AcceptJson_ReturnsSnapshotOfEveryExtensionWithNanosecondTimes()
    {
        using var client = await fixture.AuthorizedClientAsync();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await client.GetAsync("extensions/phone/states");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var states = (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
        Assert.Equal(SandboxCompany.Extensions.Select(e => e.Number), states.Select(s => s.GetProperty("extension").GetString()));
        Assert.All(states, s =>
        {
            Assert.Equal("K1234", s.GetProperty("customer").GetString());
            Assert.Matches(Rfc3339Nanoseconds(), s.GetProperty("updated").GetString());
            Assert.Contains(s.GetProperty("line").GetString(), (string[])["unknown", "offline", "idle", "ringing", "in-use"]);
        });
        var presence = states.ToDictionary(s => s.GetProperty("extension").GetString()!, s => s.GetProperty("presence"));
        Assert.Equal("null", presence["115"].GetString()); // the vendor's enum has "null" as a string ...
        Assert.Equal(JsonValueKind.Null, presence["123"].ValueKind); // ... and it may come as JSON null
    }

    [Theory]
    [InlineData("extension=101&extension=105")]
    [InlineData("extension=101,105")]
    public async Task GetStates_ExtensionFilter_ReturnsOnlyTheListedExtensions(string query)
    {
        using var client = await fixture.AuthorizedClientAsync();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var states = await client.GetFromJsonAsync<JsonElement[]>("extensions/phone/states?" + query);

        Assert.Equal(["101", "105"], states!.Select(s => s.GetProperty("extension").GetString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/event-stream")]
    public async Task GetStates_StreamAcceptOrNone_StreamsTheBootstrapOfEveryExtension(string? accept)
    {
        using var client = await fixture.AuthorizedClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "extensions/phone/states");
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        using var response = await NfonCtiEmulatorFixture.OpenStreamAsync(client, request);
        var count = 0;
        var bootstrap = await NfonCtiEmulatorFixture.ReadEventsAsync(response, _ => ++count == SandboxCompany.Extensions.Count);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Request-Id"));
        Assert.Equal(SandboxCompany.Extensions.Select(e => e.Number), bootstrap.Select(s => s.GetProperty("extension").GetString()));
    }

    [Fact]
    public async Task GetStates_DropStreamsAfterEventsFault_EndsTheStreamAfterThatManyEvents()
    {
        using var client = await fixture.AuthorizedClientAsync();
        await fixture.SetFaultsAsync(new VendorFaults { DropStreamsAfterEvents = 5 });

        using var response = await NfonCtiEmulatorFixture.OpenStreamAsync(client, new HttpRequestMessage(HttpMethod.Get, "extensions/phone/states"));
        var events = await NfonCtiEmulatorFixture.ReadEventsAsync(response);

        Assert.Equal(5, events.Count);
    }

    [Fact]
    public async Task GetStates_MalformedFault_SendsStatesWithoutAnExtension()
    {
        using var client = await fixture.AuthorizedClientAsync();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        await fixture.SetFaultsAsync(new VendorFaults { MalformedRate = 1 });

        var states = await client.GetFromJsonAsync<JsonElement[]>("extensions/phone/states");

        Assert.All(states!, s => Assert.Equal(JsonValueKind.Null, s.GetProperty("extension").ValueKind));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}[+-]\d{2}:\d{2}$")]
    private static partial Regex Rfc3339Nanoseconds();
}
