using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Sandbox;
using Portal.Sandbox.Faults;
using Portal.Sandbox.Tests;
using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests;

/// <summary>
/// The sandbox running on its own at a free loopback port (real HTTP), with a small, fixed history and no live
/// traffic unless a test publishes, plus the adapters as the portal registers them. The sandbox and the adapters share
/// one <see cref="FixedStartClock"/> (and the fixed seed): the history, "now" and the calls still to come are the same at
/// any time of day and on any date; tests take "now" from <see cref="Clock"/>.
/// </summary>
public sealed class SandboxServer : IAsyncLifetime
{
    private WebApplication? _app;
    private ServiceProvider? _adapters;
    private readonly string _keyDirectory = Directory.CreateTempSubdirectory("portal-sandbox-").FullName;

    /// <summary>Settings on top of the defaults ("Sandbox:Traffic:HistoryDays" etc.); set before InitializeAsync.</summary>
    public Dictionary<string, string> Settings { get; } = new()
    {
        ["Sandbox:Traffic:HistoryDays"] = "10",
        ["Sandbox:Traffic:CallsPerDay"] = "40",
        ["Sandbox:Traffic:LiveEnabled"] = "false",
        ["Sandbox:Traffic:Seed"] = "42",
    };

    public Uri BaseAddress { get; private set; } = default!;
    public FixedStartClock Clock { get; } = new();
    public SandboxTraffic Traffic => _app!.Services.GetRequiredService<SandboxTraffic>();
    public FaultRegistry Faults => _app!.Services.GetRequiredService<FaultRegistry>();
    /// <summary>The sandbox's services (an emulator's state and counters, for tests).</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>A service of the running sandbox (e.g. an emulator's token server, for its counters).</summary>
    public T SandboxService<T>() where T : notnull => _app!.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        var args = new List<string> { "--urls", "http://127.0.0.1:0", $"--Sandbox:Identity:KeyDirectory={_keyDirectory}", "--Logging:LogLevel:Default=Warning" };
        args.AddRange(Settings.Select(s => $"--{s.Key}={s.Value}"));
        _app = SandboxApp.Build([.. args], services => services.AddSingleton<TimeProvider>(Clock));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddTelephonyForLoopback();
        _adapters = services.BuildServiceProvider();
    }

    /// <summary>The ground truth of one vendor: its current calls.</summary>
    public IReadOnlyList<GeneratedCall> GroundTruth(VendorKind vendor) => Traffic.Log(vendor).Current().Select(p => p.Call).ToList();

    /// <summary>A vendor's emulator base URL, e.g. Url("/webfones").</summary>
    public Uri Url(string prefix) => new(BaseAddress, prefix);

    public IVendorAdapter CreateAdapter(VendorConnectionSettings settings) => _adapters!.GetRequiredService<VendorAdapters>().Create(settings);

    /// <summary>The adapters' services (on <see cref="Clock"/>), for a factory with options of its own.</summary>
    public IServiceProvider Adapters => _adapters!;

    public void ClearFaults(VendorKind vendor) => Faults.Set(vendor, VendorFaults.None);

    public async Task DisposeAsync()
    {
        if (_adapters is not null)
        {
            await _adapters.DisposeAsync();
        }
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        Directory.Delete(_keyDirectory, recursive: true);
    }
}
