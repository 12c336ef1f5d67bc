using System.Net.Http.Headers;
using System.Text.Json;
using Portal.Sandbox.Vendors.WebFones;

namespace Portal.Sandbox.Tests.Vendors.WebFones;

/// <summary>One sandbox with a few days of WebFones history and no live traffic, shared by a test class.</summary>
public sealed class WebFonesEmulatorFixture : IAsyncLifetime
{
    private SandboxHost? _host;

    internal SandboxHost Host => _host!;

    public Task InitializeAsync() => StartAsync();

    internal async Task StartAsync(params string[] settings)
    {
        _host = await StartHostAsync(settings);
    }

    internal static Task<SandboxHost> StartHostAsync(params string[] settings) =>
        SandboxHost.StartWithTrafficAsync(new FixedStartClock(),
        [
            "--Sandbox:Traffic:HistoryDays=4",
            "--Sandbox:Traffic:CallsPerDay=40",
            "--Sandbox:Traffic:LiveEnabled=false",
            .. settings,
        ]);

    /// <summary>A client that sends the sandbox key as <c>x-api-key</c> (or nothing, or another key).</summary>
    internal HttpClient Client(string? apiKey = WebFonesSandbox.ApiKey) => ClientOf(Host, apiKey);

    internal static HttpClient ClientOf(SandboxHost host, string? apiKey = WebFonesSandbox.ApiKey)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("x-api-key", apiKey);
        }
        return client;
    }

    internal static string RecordsAfter(string timestamp) =>
        "/webfones/call_log/records_after_timestamp?timestamp=" + timestamp.Replace(" ", "%20", StringComparison.Ordinal);

    /// <summary>Every record of the history (after a time long before it).</summary>
    internal async Task<JsonElement[]> AllRecordsAsync()
    {
        using var client = Client();
        using var document = JsonDocument.Parse(await client.GetStringAsync(RecordsAfter("2000-01-01 00:00:00")));
        return document.RootElement.GetProperty("records").EnumerateArray().Select(r => r.Clone()).ToArray();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
