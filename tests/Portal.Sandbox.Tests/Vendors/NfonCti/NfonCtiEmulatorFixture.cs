using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Portal.Sandbox.Faults;
using Portal.Sandbox.Vendors.NfonCti;

namespace Portal.Sandbox.Tests.Vendors.NfonCti;

/// <summary>The sandbox with quick click-to-call timings and no live traffic, and plain HTTP helpers for the contract.</summary>
public sealed class NfonCtiEmulatorFixture : IAsyncLifetime
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private SandboxHost? _host;

    internal SandboxHost Host => _host!;

    public async Task InitializeAsync() => _host = await StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>A sandbox of its own, with extra settings on top of the quick timings.</summary>
    internal static Task<SandboxHost> StartAsync(params string[] settings) => SandboxHost.StartWithTrafficAsync(new FixedStartClock(),
    [
        "--Sandbox:Traffic:LiveEnabled=false",
        "--Sandbox:Traffic:HistoryDays=1",
        "--Sandbox:Traffic:CallsPerDay=10",
        "--Sandbox:NfonCti:CallStepDelay=00:00:00.020",
        "--Sandbox:NfonCti:CallTalkDuration=00:00:00.200",
        .. settings,
    ]);

    public HttpClient Client() => Client(Host);

    internal static HttpClient Client(SandboxHost host) => new() { BaseAddress = new Uri(host.BaseAddress, NfonCtiSandbox.BasePath + "/") };

    /// <summary>A client that sends a fresh access token.</summary>
    public async Task<HttpClient> AuthorizedClientAsync()
    {
        var client = Client();
        var (access, _) = await LoginAsync(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        return client;
    }

    public static async Task<(string Access, string Refresh)> LoginAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("login", new { username = NfonCtiSandbox.Username, password = NfonCtiSandbox.Password });
        response.EnsureSuccessStatusCode();
        var tokens = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (tokens.GetProperty("access-token").GetString()!, tokens.GetProperty("refresh-token").GetString()!);
    }

    public async Task SetFaultsAsync(VendorFaults faults)
    {
        using var client = new HttpClient { BaseAddress = Host.BaseAddress };
        using var response = await client.PutAsJsonAsync("/sandbox/faults/NfonCti", faults);
        response.EnsureSuccessStatusCode();
    }

    public Task ClearFaultsAsync() => SetFaultsAsync(VendorFaults.None);

    /// <summary>Opens an SSE endpoint (headers read, body streaming).</summary>
    public static async Task<HttpResponseMessage> OpenStreamAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Patience);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return response;
    }

    /// <summary>The events' JSON until <paramref name="last"/> matches (included), or until the stream ends when it is null.</summary>
    public static async Task<List<JsonElement>> ReadEventsAsync(HttpResponseMessage response, Func<JsonElement, bool>? last = null)
    {
        await using var events = new SseEvents(response);
        return await events.ReadAsync(last);
    }

    public static async Task<string?> ErrorTextAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("error").GetString();
    }
}

/// <summary>One SSE response read in several steps (a test acts between them) with one parser.</summary>
public sealed class SseEvents(HttpResponseMessage response) : IAsyncDisposable
{
    private readonly CancellationTokenSource _patience = new(NfonCtiEmulatorFixture.Patience);
    private IAsyncEnumerator<SseItem<string>>? _items;

    /// <summary>The events' JSON until <paramref name="last"/> matches (included), or until the stream ends when it is null.</summary>
    public async Task<List<JsonElement>> ReadAsync(Func<JsonElement, bool>? last = null)
    {
        _items ??= SseParser.Create(await response.Content.ReadAsStreamAsync(_patience.Token)).EnumerateAsync(_patience.Token).GetAsyncEnumerator(_patience.Token);
        var events = new List<JsonElement>();
        while (await _items.MoveNextAsync())
        {
            Assert.Equal("message", _items.Current.EventType);
            events.Add(JsonDocument.Parse(_items.Current.Data).RootElement.Clone());
            if (last?.Invoke(events[^1]) == true)
            {
                break;
            }
        }
        return events;
    }

    public async ValueTask DisposeAsync()
    {
        if (_items is not null)
        {
            await _items.DisposeAsync();
        }
        _patience.Dispose();
    }
}
