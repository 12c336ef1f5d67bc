using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Telephony.Calls;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Reporting;
using Portal.Web.Vendors;
using Portal.Web.Features.Sync.Ingest;

namespace Portal.Web.Tests.Features.Dashboards;

/// <summary>
/// A database on SQLite or PostgreSQL filled through the real ingest path with calls of three vendors over 100 days
/// before <see cref="Now"/>: teams, extensions, calls without an extension, repeat callers and call-backs.
/// </summary>
public sealed class DashboardDatabase : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 30, 0, TimeSpan.Zero);

    /// <summary>What every tenth call's transcript is about ("… my invoice number 40.").</summary>
    public static readonly string[] Topics = ["invoice", "refund", "delivery", "password", "contract"];

    private readonly IHost _host;

    private DashboardDatabase(IHost host) => _host = host;

    public DashboardQuery Query => _host.Services.GetRequiredService<DashboardQuery>();
    public IDbContextFactory<PortalDbContext> Contexts => _host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
    public CallSearch Search => _host.Services.GetRequiredService<CallSearch>();
    public CallIngestor Ingestor => _host.Services.GetRequiredService<CallIngestor>();

    public static async Task<DashboardDatabase> StartAsync(string provider)
    {
        var builder = Host.CreateApplicationBuilder();
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = provider };
        settings["ConnectionStrings:Portal"] = provider == "Postgres"
            ? await PostgresDatabases.CreateAsync(Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES")
                ?? throw new InvalidOperationException("Set PORTAL_TEST_POSTGRES (scripts/test.sh starts a local PostgreSQL)."))
            : $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("portal-dashboard-").FullName, "portal.db")}";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPortalDatabase();
        builder.Services.AddSingleton<TimeProvider>(new FixedClock(Now));
        builder.Services.AddSingleton<CallIngestor>();
        builder.AddReporting();
        var host = builder.Build();
        await host.Services.InitializePortalDatabaseAsync();
        return new DashboardDatabase(host);
    }

    /// <summary>Three connections, teams sales (100–107), support (108–115) and accounts (116–123); returns the connection ids.</summary>
    public async Task<int[]> AddCompanyAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var connections = new[] { VendorKind.NfonCallHistory, VendorKind.WebFones, VendorKind.Unpod }
            .Select(v => new Connection { Name = v.ToString(), Vendor = v, BaseUrl = "http://localhost/" }).ToList();
        db.Connections.AddRange(connections);
        foreach (var (key, index) in new[] { "sales", "support", "accounts" }.Select((k, i) => (k, i)))
        {
            var team = new Team { Key = key, Name = char.ToUpperInvariant(key[0]) + key[1..] };
            for (var n = 100 + index * 8; n < 108 + index * 8; n++)
            {
                team.Extensions.Add(new Extension { Number = n.ToString(System.Globalization.CultureInfo.InvariantCulture), Name = $"Agent {n}", UpdatedAtUtc = Now.UtcDateTime });
            }
            db.Teams.Add(team);
        }
        await db.SaveChangesAsync();
        return connections.Select(c => c.Id).ToArray();
    }

    /// <summary>About 3,000 calls, deterministic, ingested page by page as the sync engine does.</summary>
    public async Task AddCallsAsync(int[] connectionIds, int count = 3000, int seed = 7)
    {
        var random = new Random(seed);
        var numbers = Enumerable.Range(0, 150).Select(i => $"+49301234{i:D3}").ToArray();
        var start = Now.UtcDateTime.AddDays(-100);
        var byConnection = connectionIds.ToDictionary(id => id, _ => new List<NormalizedCall>());
        for (var i = 0; i < count; i++)
        {
            var connectionId = connectionIds[random.Next(connectionIds.Length)];
            var direction = (CallDirection)random.Next(1, 4);
            var answered = random.NextDouble() < 0.7;
            var outcome = answered ? CallOutcome.Answered
                : random.NextDouble() < 0.1 ? CallOutcome.Failed
                : direction == CallDirection.Inbound ? CallOutcome.Missed : CallOutcome.NotConnected;
            var startedAt = start.AddSeconds(random.NextDouble() * (Now.UtcDateTime - start).TotalSeconds);
            var talk = outcome == CallOutcome.Answered ? random.Next(1, 1500) : 0;
            var unpod = connectionId == connectionIds[^1];
            var number = direction == CallDirection.Internal ? null : numbers[random.Next(numbers.Length)];
            byConnection[connectionId].Add(new NormalizedCall
            {
                VendorCallId = $"call-{i}",
                Direction = direction,
                Outcome = outcome,
                StartedAtUtc = startedAt,
                DurationSeconds = talk,
                RingSeconds = unpod ? null : random.Next(1, 40),
                Extension = unpod ? null : (100 + random.Next(24)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ExternalNumber = number,
                ExternalNumberOriginal = number is null ? null : "0" + number[3..],
                ExternalName = random.NextDouble() < 0.2 ? $"Customer {random.Next(20)}" : null,
                RawPayload = "{}",
                Recordings = i % 7 == 0 ? [new RecordingInfo($"rec-{i}", "audio/wav", talk, 1000, startedAt, $"http://localhost/recordings/{i}")] : [],
                Transcript = i % 10 == 0 ? new NormalizedTranscript(Topics[i / 10 % Topics.Length] + " call", "en",
                    [new TranscriptLine("Agent", 0, "Good morning, how can I help?"), new TranscriptLine("Caller", 3.5, $"It is about my {Topics[i / 10 % Topics.Length]} number {i}.")]) : null,
            });
        }
        foreach (var (connectionId, calls) in byConnection)
        {
            foreach (var page in calls.OrderBy(c => c.StartedAtUtc).Chunk(500))
            {
                await Ingestor.IngestAsync(connectionId, page, [], new CursorUpdate(SyncStreams.Records, page[^1].StartedAtUtc), CancellationToken.None);
            }
        }
    }

    public async Task<List<Call>> CallsAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Calls.AsNoTracking().Include(c => c.Connection).Include(c => c.Transcript).ThenInclude(t => t!.Segments).ToListAsync();
    }

    public async Task<Dictionary<string, string[]>> TeamsAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Teams.AsNoTracking().Include(t => t.Extensions).ToDictionaryAsync(t => t.Key, t => t.Extensions.Select(e => e.Number).ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
