using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Telephony.Calls;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Sync.Ingest;

namespace Portal.Web.Tests.Features.Exports;

/// <summary>
/// The real portal (Kestrel, SQLite, development sign-in) with calls ingested through its CallIngestor: two paused connections
/// (one with a formula for a name), teams sales (100–107), support (108–115) and accounts (116–123), about 300 calls on
/// 2025-03-10 … 2025-03-14 (UTC) plus 60 in the days before (the previous period), and calls whose names look like formulas.
/// </summary>
public sealed class ExportPortal : IAsyncLifetime
{
    /// <summary>The export range as the URL gives it; in Europe/Berlin it covers every call of <see cref="InRange"/>.</summary>
    public const string Range = "from=2025-03-10&to=2025-03-14";
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    public static readonly string[] FormulaNames = ["=HYPERLINK(\"https://evil.example\",\"Click\")", "+1", "-2", "@x", "\tx", "\rx"];
    public const string EvilConnectionName = "=cmd|' /C calc'!A0";

    public PortalAppFactory App { get; } = new();
    public List<NormalizedCall> InRange { get; } = [];
    public IReadOnlyDictionary<string, string[]> Teams { get; } = new Dictionary<string, string[]>
    {
        ["sales"] = Numbers(100), ["support"] = Numbers(108), ["accounts"] = Numbers(116),
    };

    public async Task InitializeAsync()
    {
        var contexts = App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        int[] connectionIds;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var connections = new[] { ("Office WebFones", VendorKind.WebFones), (EvilConnectionName, VendorKind.Cinnox) }
                .Select(c => new Connection { Name = c.Item1, Vendor = c.Item2, BaseUrl = "http://localhost/", IsPaused = true }).ToList();
            db.Connections.AddRange(connections);
            foreach (var (key, numbers) in Teams)
            {
                var team = new Team { Key = key, Name = char.ToUpperInvariant(key[0]) + key[1..] };
                team.Extensions.AddRange(numbers.Select(n => new Extension { Number = n, Name = "Agent " + n, UpdatedAtUtc = DateTime.UtcNow }));
                db.Teams.Add(team);
            }
            await db.SaveChangesAsync();
            connectionIds = connections.Select(c => c.Id).ToArray();
        }

        var random = new Random(11);
        var previous = Enumerable.Range(0, 60).Select(i => Call(random, $"p{i}", new DateTime(2025, 3, 5, 0, 0, 0, DateTimeKind.Utc), 4));
        InRange.AddRange(Enumerable.Range(0, 300).Select(i => Call(random, $"c{i}", new DateTime(2025, 3, 10, 0, 0, 0, DateTimeKind.Utc), 4.9)));
        // Calls of team support whose external names look like formulas; the first at 23:30 UTC, already the next day in Berlin.
        InRange.AddRange(FormulaNames.Select((name, i) => new NormalizedCall
        {
            VendorCallId = $"formula-{i}",
            Direction = CallDirection.Inbound,
            Outcome = CallOutcome.Answered,
            StartedAtUtc = new DateTime(2025, 3, 10, 23, 30, 0, DateTimeKind.Utc).AddMinutes(i),
            DurationSeconds = 61 + i,
            RingSeconds = 4,
            Extension = "108",
            ExtensionName = "Agent 108",
            ExternalNumber = i == 0 ? "0301234567" : "+49301234" + i.ToString("D3", CultureInfo.InvariantCulture),
            ExternalName = name,
            RawPayload = "{}",
        }));
        var all = previous.Concat(InRange).ToList();
        var ingestor = App.Services.GetRequiredService<CallIngestor>();
        foreach (var group in all.Select((c, i) => (Call: c, Connection: connectionIds[i % 2])).GroupBy(x => x.Connection))
        {
            await ingestor.IngestAsync(group.Key, group.Select(x => x.Call).OrderBy(c => c.StartedAtUtc).ToList(), [], null, CancellationToken.None);
        }
    }

    public async Task<List<Call>> CallsAsync()
    {
        var contexts = App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Calls.AsNoTracking().Include(c => c.Connection).ToListAsync();
    }

    public async Task<PortalClient> SignedInAsync(string user)
    {
        var client = App.CreatePortalClient();
        await client.SignInAsync(user, user);
        return client;
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }

    private static string[] Numbers(int first) => Enumerable.Range(first, 8).Select(n => n.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static NormalizedCall Call(Random random, string id, DateTime from, double days)
    {
        var direction = (CallDirection)random.Next(1, 4);
        var answered = random.NextDouble() < 0.7;
        var outcome = answered ? CallOutcome.Answered : direction == CallDirection.Inbound ? CallOutcome.Missed : CallOutcome.NotConnected;
        return new NormalizedCall
        {
            VendorCallId = id,
            Direction = direction,
            Outcome = outcome,
            StartedAtUtc = from.AddSeconds(Math.Floor(random.NextDouble() * days * 86_400)),
            DurationSeconds = answered ? random.Next(1, 1500) : 0,
            RingSeconds = random.Next(1, 40),
            Extension = (100 + random.Next(24)).ToString(CultureInfo.InvariantCulture),
            ExternalNumber = direction == CallDirection.Internal ? null : "+49301234" + random.Next(40).ToString("D3", CultureInfo.InvariantCulture),
            ExternalName = random.NextDouble() < 0.3 ? "Customer" : null,
            RawPayload = "{}",
        };
    }
}
