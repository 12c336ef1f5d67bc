using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Telephony.Calls;
using Portal.Web.Data;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Sync.Ingest;
using Portal.Web.Tests.Features.Retention;
using static Portal.Web.Tests.Features.Sync.SyncProbe;

namespace Portal.Web.Tests.Data.CallStore;

/// <summary>
/// The erasure ledger: calls of an erased number from the request's range are refused by the ingest on any connection of any
/// vendor (by the external number or a diversion leg); later calls and other numbers are stored; the ledger holds no number.
/// </summary>
public class ErasureLedgerTests
{
    private const string Berlin = "+493040506070";
    private static readonly DateTime From = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime RequestedAt = new(2026, 3, 5, 12, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string> Providers => DatabaseHost.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ingest_OnANewConnectionOfAnotherVendor_RefusesTheErasedNumberInsideTheRangeOnly(string provider)
    {
        using var host = await DatabaseHost.StartAsync(provider);
        var contexts = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var erasedOn = await AddConnectionAsync(contexts, VendorKind.NfonCallHistory);
        await RecordAsync(host, [Berlin, "0301234"], From, RequestedAt); // a number not in E.164 is no entry
        var newConnection = await AddConnectionAsync(contexts, VendorKind.Cinnox);
        Assert.NotEqual(erasedOn, newConnection);

        var result = await host.Services.GetRequiredService<CallIngestor>().IngestAsync(newConnection,
        [
            Call("in-range", Berlin, RequestedAt.AddHours(-1)),
            Call("leg-in-range", "+4989123456", RequestedAt.AddDays(-1), leg: Berlin),
            Call("as-sent-in-range", null, RequestedAt.AddDays(-2), asSent: Berlin),
            Call("at-the-request", Berlin, RequestedAt),
            Call("after-the-request", Berlin, RequestedAt.AddHours(1)),
            Call("before-the-range", Berlin, From.AddSeconds(-1)),
            Call("other-number", "+493040506071", RequestedAt.AddHours(-1)),
            Call("other-leg", "+4989123456", RequestedAt.AddHours(-1), leg: Berlin + "9"),
        ], [], null, CancellationToken.None);

        Assert.Equal(3, result.Tombstoned); // refused, like tombstoned calls
        Assert.Equal(5, result.Inserted);
        Assert.Equal(0, result.NewlySkipped);
        await using var db = await contexts.CreateDbContextAsync();
        Assert.Equal(["after-the-request", "at-the-request", "before-the-range", "other-leg", "other-number"],
            await db.Calls.Select(c => c.VendorCallId).OrderBy(id => id).ToListAsync());
        Assert.Equal(1, await db.ErasureLedger.CountAsync());
        await AssertRollupsMatchCallsAsync(contexts);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ledger_HoldsNoNumber_OnlyItsKeyedHash(string provider)
    {
        using var host = await DatabaseHost.StartAsync(provider);
        var contexts = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await RecordAsync(host, [Berlin, "+12127365000"], null, RequestedAt);

        await using var db = await contexts.CreateDbContextAsync();
        var entries = await db.ErasureLedger.AsNoTracking().ToListAsync();
        var secrets = await db.PortalSecrets.AsNoTracking().ToListAsync();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Matches("^[0-9a-f]{64}$", e.NumberHash));
        Assert.All(entries, e => Assert.Null(e.FromUtc));
        var text = string.Join('|', entries.Select(e => $"{e.Id}|{e.NumberHash}|{e.FromUtc:O}|{e.ToUtc:O}|{e.Reference}|{e.CreatedAtUtc:O}")
            .Concat(secrets.Select(s => $"{s.Name}|{s.ProtectedValue}")));
        foreach (var digits in new[] { "40506070", "7365000" })
        {
            Assert.DoesNotContain(digits, text, StringComparison.Ordinal);
        }
        // Keyed: a plain SHA-256 of the number is not what is stored.
        var plain = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Berlin)));
        Assert.DoesNotContain(entries, e => e.NumberHash == plain);
        // The salt is stored protected by Data Protection, not as its bytes.
        Assert.NotEqual(32, Convert.FromBase64String(Assert.Single(secrets).ProtectedValue).Length);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ingest_WithAnEmptyLedger_StoresEveryCall_AndMakesNoSalt(string provider)
    {
        using var host = await DatabaseHost.StartAsync(provider);
        var contexts = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

        var calls = await MixedCalls.IngestAsync(host);

        await using var db = await contexts.CreateDbContextAsync();
        Assert.Equal(2 * MixedCalls.PerConnection, await db.Calls.CountAsync());
        Assert.Equal(0, await db.PortalSecrets.CountAsync());
        await AssertRollupsMatchCallsAsync(contexts);
    }

    [Fact]
    public async Task Salt_IsTheSameForANewHostOnTheSameDatabase()
    {
        string connectionString;
        using (var first = await RetentionHost.CreateAsync("Sqlite"))
        {
            connectionString = first.ConnectionString;
            await RecordAsync(first.Host, [Berlin], null, RequestedAt);
        }
        using var restarted = await RetentionHost.ReopenAsync(connectionString, start: false);
        var connectionId = await AddConnectionAsync(restarted.Contexts, VendorKind.WebFones);

        var result = await restarted.Host.Services.GetRequiredService<CallIngestor>().IngestAsync(connectionId,
            [Call("erased", Berlin, RequestedAt.AddDays(-30)), Call("kept", Berlin, RequestedAt.AddDays(1))], [], null, CancellationToken.None);

        Assert.Equal((1, 1), (result.Tombstoned, result.Inserted));
        await AssertRollupsMatchCallsAsync(restarted.Contexts);
    }

    private static async Task RecordAsync(IHost host, string[] numbers, DateTime? fromUtc, DateTime toUtc)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        var ledger = host.Services.GetRequiredService<ErasureLedger>();
        await ledger.PrepareToRecordAsync(connection, CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await ledger.RecordAsync(connection, transaction, numbers, fromUtc, toUtc, 42, CancellationToken.None);
        await transaction.CommitAsync();
    }

    private static async Task<int> AddConnectionAsync(IDbContextFactory<PortalDbContext> contexts, VendorKind vendor)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var connection = new Connection { Name = vendor.ToString(), Vendor = vendor, BaseUrl = "http://localhost/", PhoneRegion = "DE" };
        db.Connections.Add(connection);
        await db.SaveChangesAsync();
        return connection.Id;
    }

    private static NormalizedCall Call(string id, string? number, DateTime startedAtUtc, string? leg = null, string? asSent = null) => new()
    {
        VendorCallId = id,
        Direction = CallDirection.Inbound,
        Outcome = CallOutcome.Answered,
        StartedAtUtc = startedAtUtc,
        DurationSeconds = 60,
        RingSeconds = 4,
        Extension = "101",
        ExternalNumber = number,
        ExternalNumberOriginal = asSent ?? number,
        History = leg is null ? [] : [new CallLeg(startedAtUtc, "callee", leg, null, null)],
        RawPayload = "{}",
    };
}
