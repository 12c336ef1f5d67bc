using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Sandbox.Faults;
using Portal.Sandbox.Traffic;
using Portal.Sandbox.Vendors.NfonCallHistory;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Tests.Vendors.NfonCallHistory;

/// <summary>The sandbox with a small history and no live traffic, plus its services for ground truth and faults.</summary>
public sealed class NfonEmulatorFixture : IAsyncLifetime
{
    private SandboxHost? _host;

    public Uri BaseAddress => _host!.BaseAddress;
    public FixedStartClock Clock { get; } = new();
    public SandboxCallLog Log => _host!.Services.GetRequiredService<SandboxTraffic>().Log(VendorKind.NfonCallHistory);
    public FaultRegistry Faults => _host!.Services.GetRequiredService<FaultRegistry>();

    public async Task InitializeAsync() =>
        _host = await SandboxHost.StartWithTrafficAsync(Clock,
            "--Sandbox:Traffic:HistoryDays=7", "--Sandbox:Traffic:CallsPerDay=40", "--Sandbox:Traffic:LiveEnabled=false");

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>A client of the API with the static sandbox token (or none).</summary>
    public HttpClient Client(string? token = NfonCallHistorySandbox.StaticAccessToken)
    {
        var client = _host!.CreateClient();
        client.BaseAddress = new Uri(BaseAddress, NfonCallHistorySandbox.BasePath + "/");
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Calls of days after the clock's start, not yet published: "new" calls for stream tests.</summary>
    public IEnumerable<GeneratedCall> FutureCalls(int daysAhead = 3) =>
        Enumerable.Range(daysAhead, 30)
            .SelectMany(d => Log.Generator.CallsOfDay(DateOnly.FromDateTime(Clock.Start.UtcDateTime).AddDays(d)))
            .Where(c => Log.Find(c.Id) is null);
}
