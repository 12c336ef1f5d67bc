using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Telephony.Calls;
using Portal.Web.Data;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention;
using Portal.Web.Features.Sync.Ingest;

namespace Portal.Web.Tests.Features.Retention;

/// <summary>
/// An erasure request's numbers, typed in any format, find the same calls on every vendor: by the external number in E.164,
/// by the number as the vendor sent it and by the diversion legs, each connection reading national numbers in its region.
/// </summary>
public class ErasureTargetTests
{
    internal const string Berlin = "+493040506070";
    private static readonly DateTime Start = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string> Providers => DatabaseHost.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Numbers_InThreeInternationalFormats_FindTheSameCallsOnEveryVendor(string provider)
    {
        using var host = await DatabaseHost.StartAsync(provider);
        var calls = await IngestAsync(host);
        string[] expected = ["nfon-national", "nfon-leg", "webfones-0049", "cinnox-plus"];

        foreach (var typed in new[] { "+49 30 40506070", "0049 (30) 4050-6070", Berlin })
        {
            Assert.Equal(expected.Order(), await MatchAsync(host, calls, typed));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NationalNumber_IsReadInEachConnectionsRegion(string provider)
    {
        using var host = await DatabaseHost.StartAsync(provider);
        var calls = await IngestAsync(host);

        // 030 40506070 is Berlin for the two German connections. For the US connection it is no valid number, so it reaches
        // no call there by E.164 (cinnox-plus is not found), only the call whose vendor sent exactly that text.
        Assert.Equal(new[] { "cinnox-national", "nfon-leg", "nfon-national", "webfones-0049" }.Order(), await MatchAsync(host, calls, "030 40506070"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TimeRange_LimitsTheCallsByTheirStart(string provider)
    {
        using var host = await DatabaseHost.StartAsync(provider);
        var calls = await IngestAsync(host);

        Assert.Equal(["cinnox-plus", "nfon-national", "webfones-0049"],
            await MatchAsync(host, calls, Berlin, from: Start, to: Start.AddHours(3)));
    }

    [Fact]
    public void Parse_NamesEveryEntryThatIsNoNumberInAnyRegion_AndSplitsOnLinesCommasAndSemicolons()
    {
        var numbers = ErasureNumbers.Parse(" +49 30 40506070 ;hello\n\n12, 030 40506070\r\n+49 30 40506070", ["de", "US"]);

        Assert.Equal(["+49 30 40506070", "hello", "12", "030 40506070"], numbers.Entries);
        Assert.Equal(["hello", "12"], numbers.Unparseable);
        Assert.Equal([Berlin], numbers.InRegion("DE"));
        Assert.Equal([Berlin], numbers.InRegion("us"));
    }

    [Fact]
    public void LedgerEntries_AreTheNumbersInEveryRegion_UpToTheRequestOrTheRangesEndWhenEarlier()
    {
        var numbers = ErasureNumbers.Parse("030 40506070; +1 212 736 5000; hello", ["DE", "US"]);
        var connections = new[] { new ConnectionRegion(1, "DE"), new ConnectionRegion(2, "us"), new ConnectionRegion(3, "DE") };
        var requested = Start.AddDays(10);

        var open = new ErasureTarget(numbers, connections, null, null).LedgerEntries(requested);
        var earlierEnd = new ErasureTarget(numbers, connections, Start, Start.AddDays(1)).LedgerEntries(requested);
        var laterEnd = new ErasureTarget(numbers, connections, Start, requested.AddDays(1)).LedgerEntries(requested);

        Assert.Equal(["+12127365000", Berlin], open.E164Numbers); // 030 40506070 is no US number: only Berlin's in DE
        Assert.Equal(requested, open.ToUtc);
        Assert.Equal(Start.AddDays(1), earlierEnd.ToUtc);
        Assert.Equal(requested, laterEnd.ToUtc);
    }

    [Fact]
    public async Task UnparseableEntries_MatchNothing_EvenWhereAVendorSentTheSameText()
    {
        using var host = await DatabaseHost.StartAsync("Sqlite");
        var calls = await IngestAsync(host);

        Assert.Empty(await MatchAsync(host, calls, "anonymous"));
    }

    private static async Task<List<string>> MatchAsync(IHost host, IReadOnlyDictionary<long, string> calls, string typed, DateTime? from = null, DateTime? to = null)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var target = await ErasureTarget.ResolveAsync(db, typed, from, to, CancellationToken.None);
        var ids = await target.CallIds(db).ToListAsync();
        return ids.Select(id => calls[id]).Order().ToList();
    }

    /// <summary>Calls of Berlin's number as three vendors send it, a diversion leg, and near misses; returns database id → vendor id.</summary>
    internal static async Task<IReadOnlyDictionary<long, string>> IngestAsync(IHost host)
    {
        var contexts = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var ingestor = host.Services.GetRequiredService<CallIngestor>();
        var pages = new (VendorKind Vendor, string Region, NormalizedCall[] Calls)[]
        {
            (VendorKind.NfonCallHistory, "DE",
            [
                Call("nfon-national", "030 40506070", "DE", 0),
                Call("nfon-leg", "+4989123456", "DE", 5, leg: Berlin),
                Call("nfon-longer-leg", "+4989123456", "DE", 6, leg: Berlin + "9"),
                Call("nfon-other", "+493040506071", "DE", 1),
            ]),
            (VendorKind.WebFones, "DE", [Call("webfones-0049", "0049 30 40506070", "DE", 2), Call("webfones-anonymous", "anonymous", "DE", 2)]),
            (VendorKind.Cinnox, "US",
            [
                Call("cinnox-plus", "+49 30 40506070", "US", 1),
                Call("cinnox-national", "030 40506070", "US", 1), // no valid US number: stored as sent
            ]),
        };
        foreach (var (vendor, region, page) in pages)
        {
            int connectionId;
            await using (var db = await contexts.CreateDbContextAsync())
            {
                var connection = new Connection { Name = vendor.ToString(), Vendor = vendor, BaseUrl = "http://localhost/", PhoneRegion = region };
                db.Connections.Add(connection);
                await db.SaveChangesAsync();
                connectionId = connection.Id;
            }
            await ingestor.IngestAsync(connectionId, page, [], null, CancellationToken.None);
        }
        await using var read = await contexts.CreateDbContextAsync();
        return await read.Calls.ToDictionaryAsync(c => c.Id, c => c.VendorCallId);
    }

    private static NormalizedCall Call(string id, string asSent, string region, int hours, string? leg = null) => new()
    {
        VendorCallId = id,
        Direction = CallDirection.Inbound,
        Outcome = CallOutcome.Answered,
        StartedAtUtc = Start.AddHours(hours),
        DurationSeconds = 60,
        Extension = "101",
        ExternalNumber = PhoneNumberNormalizer.ToE164(asSent, region),
        ExternalNumberOriginal = asSent,
        History = leg is null ? [] : [new CallLeg(Start.AddHours(hours), "callee", leg, null, null)],
        RawPayload = "{}",
    };
}
