using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Sandbox;
using Portal.Sandbox.Faults;
using Portal.Sandbox.Tests;
using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Vendors;
using Portal.Web.Features.Connections;

namespace Portal.Web.Tests.Features.Sync;

/// <summary>
/// The sandbox running on its own (so its ground truth outlives a portal restart) and portals that sync from it
/// over loopback HTTP. Connections poll once an hour: each test sees exactly one backfill pass unless it wakes them.
/// The sandbox and every portal started here share one <see cref="FixedStartClock"/> (and the fixed seed): the history,
/// each backfill and each "now" are the same at any time of day and on any date; tests take "now" from <see cref="Clock"/>.
/// </summary>
public sealed class SyncEnvironment : IAsyncDisposable
{
    private readonly WebApplication _sandbox;
    private readonly string _keys;

    private SyncEnvironment(WebApplication sandbox, Uri sandboxAddress, string keys, FixedStartClock clock)
    {
        _sandbox = sandbox;
        SandboxAddress = sandboxAddress;
        _keys = keys;
        Clock = clock;
    }

    public Uri SandboxAddress { get; }
    public FixedStartClock Clock { get; }
    public FaultRegistry Faults => _sandbox.Services.GetRequiredService<FaultRegistry>();

    public static async Task<SyncEnvironment> StartAsync(params string[] sandboxSettings)
    {
        var keys = Directory.CreateTempSubdirectory("portal-sandbox-keys-").FullName;
        string[] args = ["--urls", "http://127.0.0.1:0", $"--Sandbox:Identity:KeyDirectory={keys}", "--Logging:LogLevel:Default=Warning",
            "--Sandbox:Traffic:HistoryDays=5", "--Sandbox:Traffic:CallsPerDay=30", "--Sandbox:Traffic:LiveEnabled=false", "--Sandbox:Traffic:Seed=42",
            .. sandboxSettings];
        var clock = new FixedStartClock();
        var sandbox = SandboxApp.Build(args, services => services.AddFixedClock(clock));
        await sandbox.StartAsync();
        var address = sandbox.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SyncEnvironment(sandbox, new Uri(address), keys, clock);
    }

    /// <summary>The calls the sandbox holds for a vendor right now.</summary>
    public IReadOnlyList<GeneratedCall> GroundTruth(VendorKind vendor) =>
        _sandbox.Services.GetRequiredService<SandboxTraffic>().Log(vendor).Current().Select(p => p.Call).ToList();

    public Dictionary<string, string?> PortalSettings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:Enabled"] = "false",
            ["Authentication:Authority"] = SandboxAddress.ToString(),
            ["Authentication:RequireHttpsMetadata"] = "false",
            ["Sync:EngineInterval"] = "00:00:00.200",
            ["Portal:Vendors:AllowPrivateNetworks"] = "true", // the sandbox listens on loopback
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return settings;
    }

    public PortalAppFactory StartPortal(params (string Key, string? Value)[] extra) => PortalAppFactory.With(PortalSettings(extra), services: s => s.AddFixedClock(Clock));

    /// <summary>A portal on an existing data folder: a restart of an earlier one.</summary>
    public PortalAppFactory ReopenPortal(string dataDirectory) => PortalAppFactory.Reopen(dataDirectory, PortalSettings(), services: s => s.AddFixedClock(Clock));

    /// <summary>Adds a connection to the sandbox's emulator of <paramref name="vendor"/> with the sandbox credentials.</summary>
    public static async Task<int> AddConnectionAsync(PortalAppFactory portal, VendorKind vendor, Uri sandboxAddress, int backfillDays = 30)
    {
        var (_, region, zone, secrets) = SandboxConnectionSeeder.Accounts.Single(a => a.Vendor == vendor);
        var protector = portal.Services.GetRequiredService<ConnectionSecretProtector>();
        var now = portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var connection = new Connection
        {
            Name = $"{vendor} sandbox",
            Vendor = vendor,
            BaseUrl = VendorCatalog.SuggestedBaseUrl(vendor, sandboxAddress.ToString()),
            PhoneRegion = region,
            TimeZone = zone,
            PollIntervalSeconds = 3600,
            BackfillDays = backfillDays,
            ProtectedSecrets = protector.Protect(secrets),
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        db.Connections.Add(connection);
        await db.SaveChangesAsync();
        return connection.Id;
    }

    public Task<int> AddConnectionAsync(PortalAppFactory portal, VendorKind vendor) => AddConnectionAsync(portal, vendor, SandboxAddress);


    public async ValueTask DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        Directory.Delete(_keys, recursive: true);
    }
}
