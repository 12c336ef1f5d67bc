using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Sandbox.Vendors.NfonCti;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests.NfonCti;

/// <summary>The sandbox with quick NFON CTI timings: short-lived tokens, a click-to-call progression in well under a second.</summary>
public sealed class NfonCtiFixture : IAsyncLifetime
{
    public SandboxServer Server { get; } = new();

    public NfonCtiTokenStore Tokens => Server.Services.GetRequiredService<NfonCtiTokenStore>();
    public NfonCtiCallHub CallHub => Server.Services.GetRequiredService<NfonCtiCallHub>();
    public NfonCtiLineBoard LineBoard => Server.Services.GetRequiredService<NfonCtiLineBoard>();

    public async Task InitializeAsync()
    {
        Server.Settings["Sandbox:NfonCti:AccessTokenLifetime"] = "00:00:10";
        Server.Settings["Sandbox:NfonCti:CallStepDelay"] = "00:00:00.020";
        Server.Settings["Sandbox:NfonCti:CallTalkDuration"] = "00:00:00.300";
        await Server.InitializeAsync();
    }

    public Task DisposeAsync() => Server.DisposeAsync();

    public VendorConnectionSettings Settings(string password = NfonCtiSandbox.Password) => new(
        VendorKind.NfonCti,
        Server.Url(NfonCtiSandbox.BasePath),
        new Dictionary<string, string> { [VendorSecrets.Username] = NfonCtiSandbox.Username, [VendorSecrets.Password] = password });

    /// <summary>An adapter as the portal builds it. Adapters of the same credential share their tokens, as in the portal.</summary>
    public T Adapter<T>(string password = NfonCtiSandbox.Password) where T : IVendorAdapter => (T)Server.CreateAdapter(Settings(password));

    /// <summary>An adapter of its own service provider (own tokens) that reads the time from <paramref name="clock"/>.</summary>
    public (T Adapter, ServiceProvider Services) AdapterWithClock<T>(TimeProvider clock) where T : IVendorAdapter
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(clock);
        services.AddTelephonyForLoopback();
        var provider = services.BuildServiceProvider();
        return ((T)provider.GetRequiredService<VendorAdapters>().Create(Settings()), provider);
    }
}

/// <summary>A clock that stands still until a test moves it; timers still run on real time.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
