using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Telephony.Calls;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Sync.Ingest;

namespace Portal.Web.Tests.Data.CallStore;

/// <summary>
/// Two connections with calls of every direction and outcome over several hours, days and a month boundary, some without
/// an extension or ring time, every fourth with a transcript that says "invoice", every fifth with a recording: ingested
/// through the real ingest path. The same calls on every run.
/// </summary>
public sealed record MixedCalls(int ConnectionA, int ConnectionB, IReadOnlyDictionary<int, NormalizedCall[]> Pages)
{
    public const int PerConnection = 60;
    public const string TranscriptWord = "invoice";

    public static Task<MixedCalls> IngestAsync(IHost host) => IngestAsync(host.Services);

    /// <summary>Into the database of any host with the ingest path (a <see cref="PortalAppFactory"/>'s services too).</summary>
    public static async Task<MixedCalls> IngestAsync(IServiceProvider services)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var ids = new List<int>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            foreach (var vendor in new[] { VendorKind.NfonCallHistory, VendorKind.Cinnox })
            {
                var connection = new Connection { Name = vendor.ToString(), Vendor = vendor, BaseUrl = "http://localhost/" };
                db.Connections.Add(connection);
                await db.SaveChangesAsync();
                ids.Add(connection.Id);
            }
        }
        var pages = ids.ToDictionary(id => id, id => Enumerable.Range(0, PerConnection).Select(i => Call(id, i)).ToArray());
        var ingestor = services.GetRequiredService<CallIngestor>();
        foreach (var (connectionId, page) in pages)
        {
            await ingestor.IngestAsync(connectionId, page, [], null, CancellationToken.None);
        }
        return new MixedCalls(ids[0], ids[1], pages);
    }

    private static NormalizedCall Call(int connectionId, int i)
    {
        var direction = (CallDirection)(1 + i % 3);
        var outcome = (i % 5) switch
        {
            0 or 1 or 2 => CallOutcome.Answered,
            3 => direction == CallDirection.Outbound ? CallOutcome.NotConnected : CallOutcome.Missed,
            _ => i % 2 == 0 ? CallOutcome.Failed : CallOutcome.Unknown,
        };
        var start = new DateTime(2026, 2, 26, 8, 0, 0, DateTimeKind.Utc).AddMinutes(i * 137 + connectionId * 11);
        var id = $"m{connectionId}-{i}";
        return new NormalizedCall
        {
            VendorCallId = id,
            Direction = direction,
            Outcome = outcome,
            StartedAtUtc = start,
            DurationSeconds = outcome == CallOutcome.Answered ? 7 + i * 41 % 1500 : 0,
            RingSeconds = i % 4 == 1 ? null : 3 + i % 17,
            Extension = i % 7 == 0 ? null : (100 + i % 4).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ExternalNumber = $"+49301234{i:D3}",
            Transcript = i % 4 == 0 ? new NormalizedTranscript("Call about an " + TranscriptWord, "en", [new("Agent", 0, "Hello"), new("Caller", 1.5, $"My {TranscriptWord} {i}")]) : null,
            Recordings = i % 5 == 0 ? [new RecordingInfo($"r{i}", "audio/wav", 30, 1000, start, null)] : [],
            RawPayload = $$"""{"id":"{{id}}"}""",
        };
    }
}
