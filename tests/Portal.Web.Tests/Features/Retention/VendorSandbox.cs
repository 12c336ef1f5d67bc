using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Sandbox;
using Portal.Sandbox.Faults;
using Portal.Sandbox.Tests;
using Portal.Sandbox.Traffic;
using Portal.Sandbox.Vendors.NfonCallHistory;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Connections;
using Portal.Web.Features.Sync.Ingest;
using Portal.Web.Vendors;

namespace Portal.Web.Tests.Features.Retention;

/// <summary>
/// The sandbox on its own loopback port (fixed seed and clock, five days of history, no live traffic), with a record of every
/// DELETE its NFON Call History emulator received (the record ids each named, and the answer's status), and what a
/// <see cref="RetentionHost"/> needs to use it: a connection to an emulator and a sync pass through the real adapter and ingest.
/// </summary>
public sealed class VendorSandbox : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _keys;

    private VendorSandbox(WebApplication app, Uri address, string keys, DeleteLog deletes)
    {
        _app = app;
        Address = address;
        _keys = keys;
        Deletes = deletes;
    }

    public Uri Address { get; }
    public FaultRegistry Faults => _app.Services.GetRequiredService<FaultRegistry>();
    /// <summary>Every DELETE to NFON Call History's records, in order: the ids it named and the status it got.</summary>
    public DeleteLog Deletes { get; }

    public static async Task<VendorSandbox> StartAsync()
    {
        var keys = Directory.CreateTempSubdirectory("portal-sandbox-keys-").FullName;
        string[] args = ["--urls", "http://127.0.0.1:0", $"--Sandbox:Identity:KeyDirectory={keys}", "--Logging:LogLevel:Default=Warning",
            "--Sandbox:Traffic:HistoryDays=5", "--Sandbox:Traffic:CallsPerDay=30", "--Sandbox:Traffic:LiveEnabled=false", "--Sandbox:Traffic:Seed=42"];
        var deletes = new DeleteLog();
        var app = SandboxApp.Build(args, services =>
        {
            services.AddFixedClock(new FixedStartClock());
            services.AddSingleton<IStartupFilter>(new RecordDeletes(deletes));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new VendorSandbox(app, new Uri(address), keys, deletes);
    }

    /// <summary>The record ids the NFON Call History emulator holds now.</summary>
    public HashSet<string> NfonRecordIds() =>
        _app.Services.GetRequiredService<SandboxTraffic>().Log(VendorKind.NfonCallHistory).Current().Select(p => p.Call.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>Adds a connection to this sandbox's emulator of <paramref name="vendor"/>, with the sandbox's credentials.</summary>
    public async Task<int> AddConnectionAsync(RetentionHost host, VendorKind vendor)
    {
        var (_, region, zone, secrets) = SandboxConnectionSeeder.Accounts.Single(a => a.Vendor == vendor);
        var protector = host.Host.Services.GetRequiredService<ConnectionSecretProtector>();
        await using var db = await host.Contexts.CreateDbContextAsync();
        var connection = new Connection
        {
            Name = $"{VendorCatalog.Label(vendor)} sandbox",
            Vendor = vendor,
            BaseUrl = VendorCatalog.SuggestedBaseUrl(vendor, Address.ToString()),
            PhoneRegion = region,
            TimeZone = zone,
            ProtectedSecrets = protector.Protect(secrets),
        };
        db.Connections.Add(connection);
        await db.SaveChangesAsync();
        return connection.Id;
    }

    /// <summary>
    /// What a sync pass from <paramref name="sinceUtc"/> does: the connection's adapter reads the vendor over HTTP page by page,
    /// and the ingest stores each page (refusing tombstoned calls). Returns the ingest's totals.
    /// </summary>
    public static async Task<(int Inserted, int Updated, int Refused)> SyncAsync(RetentionHost host, int connectionId, DateTime sinceUtc)
    {
        Connection connection;
        await using (var db = await host.Contexts.CreateDbContextAsync())
        {
            connection = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == connectionId);
        }
        var services = host.Host.Services;
        var source = (ICallRecordSource)services.GetRequiredService<VendorAdapters>()
            .Create(connection.ToVendorSettings(services.GetRequiredService<ConnectionSecretProtector>()));
        var ingestor = services.GetRequiredService<CallIngestor>();
        int inserted = 0, updated = 0, refused = 0;
        await foreach (var page in source.ReadSinceAsync(sinceUtc, CancellationToken.None))
        {
            var result = await ingestor.IngestAsync(connectionId, page.Calls, page.Skipped, null, CancellationToken.None);
            (inserted, updated, refused) = (inserted + result.Inserted, updated + result.Updated, refused + result.Tombstoned);
        }
        return (inserted, updated, refused);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_keys, recursive: true);
    }

    public sealed class DeleteLog
    {
        private readonly ConcurrentQueue<(string[] Ids, int Status)> _requests = new();

        public IReadOnlyList<(string[] Ids, int Status)> Requests => _requests.ToArray();

        /// <summary>Every id named by a DELETE that the emulator answered (not a fault the sandbox injected before it).</summary>
        public List<string> AnsweredIds() => _requests.Where(r => r.Status is 204 or 404).SelectMany(r => r.Ids).ToList();

        internal void Add(string[] ids, int status) => _requests.Enqueue((ids, status));
    }

    private sealed class RecordDeletes(DeleteLog log) : IStartupFilter
    {
        private const string Records = NfonCallHistorySandbox.BasePath + "/records";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, proceed) =>
            {
                await proceed(context);
                var path = context.Request.Path.Value ?? "";
                if (!HttpMethods.IsDelete(context.Request.Method) || !path.StartsWith(Records, StringComparison.Ordinal))
                {
                    return;
                }
                var ids = path.Length > Records.Length + 1 ? [path[(Records.Length + 1)..]] : context.Request.Query["uuid"].Select(v => v!).ToArray();
                log.Add(ids, context.Response.StatusCode);
            });
            next(app);
        };
    }
}
