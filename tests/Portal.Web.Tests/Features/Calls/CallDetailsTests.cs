using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Portal.Telephony.Calls;
using Portal.Web.Auth;
using Portal.Web.Audit;
using Portal.Web.Reporting;
using Portal.Web.Vendors;
using Portal.Web.Tests.Features.Dashboards;
using Portal.Web.Features.Calls;
using Portal.Web.Features.Sync.Ingest;

namespace Portal.Web.Tests.Features.Calls;

/// <summary>
/// The company of <see cref="DashboardDatabase"/> (teams sales 100–107, support 108–115, accounts 116–123, three connections)
/// plus two calls of one number: a support call with a transcript, diversions and a recording, and a sales call.
/// </summary>
public sealed class CallDetailsDatabase : IAsyncLifetime
{
    public const string Number = "+49301234999";

    private DashboardDatabase _database = default!;

    public CallDetails Details { get; private set; } = default!;
    public FakeLogCollector SecurityEvents { get; } = new();
    public int[] ConnectionIds { get; private set; } = [];
    public long SupportCallId { get; private set; }
    public long SalesCallId { get; private set; }
    public DashboardDatabase Database => _database;

    public async Task InitializeAsync()
    {
        _database = await DashboardDatabase.StartAsync("Sqlite");
        ConnectionIds = await _database.AddCompanyAsync();
        await _database.AddCallsAsync(ConnectionIds, count: 600);
        var now = DashboardDatabase.Now.UtcDateTime;
        var support = new NormalizedCall
        {
            VendorCallId = "support-call", Direction = CallDirection.Inbound, Outcome = CallOutcome.Answered, VendorStatus = "answered",
            StartedAtUtc = now.AddHours(-3), AnsweredAtUtc = now.AddHours(-3).AddSeconds(12), EndedAtUtc = now.AddHours(-3).AddSeconds(200),
            DurationSeconds = 188, RingSeconds = 12, Extension = "110", ExtensionName = "Agent 110",
            ExternalNumber = Number, ExternalNumberOriginal = "030 1234999", ExternalName = "Blue Harbor",
            History = [new CallLeg(now.AddHours(-3), "callee", "100", "Reception", "queue"), new CallLeg(now.AddHours(-3).AddSeconds(8), "callee", "110", "Agent 110", "extension")],
            Transcript = new NormalizedTranscript("The caller asked about the router.", "en",
            [
                new TranscriptLine("Agent 110", 2, "Good morning, support."),
                new TranscriptLine("Blue Harbor", 5.5, "My router keeps dropping the line."),
                new TranscriptLine("Agent 110", 64, "I reset it from our side."),
            ]),
            Recordings = [new RecordingInfo("rec-1", "audio/wav", 188, 3000, now.AddHours(-3), "https://vendor.example/rec-1?token=secret")],
            RawPayload = """{"uuid":"support-call","secretish":"raw"}""",
        };
        var sales = support with
        {
            VendorCallId = "sales-call", StartedAtUtc = now.AddHours(-1), Extension = "101", ExtensionName = "Agent 101", History = [], Transcript = null,
            Recordings = [], RawPayload = """{"uuid":"sales-call"}""",
        };
        await _database.Ingestor.IngestAsync(ConnectionIds[0], [support], [], new CursorUpdate(SyncStreams.Records, support.StartedAtUtc), CancellationToken.None);
        await _database.Ingestor.IngestAsync(ConnectionIds[1], [sales], [], new CursorUpdate(SyncStreams.Records, sales.StartedAtUtc), CancellationToken.None);

        await using var db = await _database.Contexts.CreateDbContextAsync();
        SupportCallId = await db.Calls.Where(c => c.VendorCallId == "support-call").Select(c => c.Id).SingleAsync();
        SalesCallId = await db.Calls.Where(c => c.VendorCallId == "sales-call").Select(c => c.Id).SingleAsync();
        var security = new SecurityLog(new LoggerFactory([new FakeLoggerProvider(SecurityEvents)]));
        Details = new CallDetails(_database.Contexts,
            new AuditLog(_database.Contexts, security, new DashboardDatabase.FixedClock(DashboardDatabase.Now), NullLogger<AuditLog>.Instance), security);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();
}

public class CallDetailsTests(CallDetailsDatabase database) : IClassFixture<CallDetailsDatabase>
{
    public static readonly PortalUser Admin = new("admin", "Alex Admin", [PortalRoles.Admin], []);
    public static readonly PortalUser Supervisor = new("supervisor", "Sam Supervisor", [PortalRoles.Supervisor], []);
    public static readonly PortalUser SupportLead = new("lead", "Taylor Teamlead", [PortalRoles.Supervisor], ["support"]);
    public static readonly PortalUser Guest = new("guest", "Gale Guest", [], []);

    [Fact]
    public async Task LoadAsync_TeamLeadAndAnotherTeamsCall_IsRefusedInTheSecurityLog()
    {
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => database.Details.LoadAsync(SupportLead, database.SalesCallId));

        var refusal = Assert.Single(database.SecurityEvents.GetSnapshot(), e => e.GetStructuredStateValue("Target") == $"call {database.SalesCallId}"
            && e.GetStructuredStateValue("UserId") == SupportLead.Id);
        Assert.Equal((SecurityLog.Category, "call.read"), (refusal.Category, refusal.GetStructuredStateValue("Action")));
        Assert.Contains("belongs to a team Taylor Teamlead may not see", refusal.GetStructuredStateValue("Reason"));
    }

    [Fact]
    public async Task LoadAsync_CallWithTranscript_AuditsWhoReadWhichCallNeverTheText()
    {
        var reader = new PortalUser("reader", "Rita Reader", [PortalRoles.Supervisor], []);

        var detail = await database.Details.LoadAsync(reader, database.SupportCallId);
        await database.Details.LoadAsync(reader, database.SalesCallId); // no transcript: nothing to audit

        Assert.NotNull(detail!.Transcript);
        await using var db = await database.Database.Contexts.CreateDbContextAsync();
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.UserId == "reader");
        Assert.Equal((CallDetails.TranscriptReadAction, $"call {database.SupportCallId}", "Rita Reader", false),
            (entry.Action, entry.Target, entry.UserName, entry.Refused));
        Assert.DoesNotContain("router", entry.Details, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task LoadAsync_TeamLeadAndOwnTeamsCall_ReturnsItWithoutTheRawPayload()
    {
        var detail = await database.Details.LoadAsync(SupportLead, database.SupportCallId);

        Assert.NotNull(detail);
        Assert.Equal(("110", CallDetailsDatabase.Number, "030 1234999"), (detail.Extension, detail.ExternalNumber, detail.ExternalNumberOriginal));
        Assert.Null(detail.RawPayload);
    }

    [Fact]
    public async Task LoadAsync_CallWithoutExtensionAndTeamLead_IsRefused()
    {
        await using var db = await database.Database.Contexts.CreateDbContextAsync();
        var withoutExtension = await db.Calls.Where(c => c.Extension == null).Select(c => c.Id).FirstAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => database.Details.LoadAsync(SupportLead, withoutExtension));
        Assert.NotNull(await database.Details.LoadAsync(Supervisor, withoutExtension));
    }

    [Fact]
    public async Task LoadAsync_Admin_ReadsEveryPartInOrderAndTheRawPayload()
    {
        var detail = await database.Details.LoadAsync(Admin, database.SupportCallId);

        Assert.NotNull(detail);
        Assert.Equal((CallDirection.Inbound, CallOutcome.Answered, "answered", 188, 12), (detail.Direction, detail.Outcome, detail.VendorStatus, detail.DurationSeconds, detail.RingSeconds));
        Assert.Equal(["100", "110"], detail.History.Select(l => l.Number));
        Assert.False(detail.HistoryUnreadable);
        Assert.Equal("The caller asked about the router.", detail.Transcript!.Summary);
        Assert.Equal([2.0, 5.5, 64.0], detail.Transcript.Segments.Select(s => s.OffsetSeconds));
        Assert.Equal("My router keeps dropping the line.", detail.Transcript.Segments[1].Text);
        var recording = Assert.Single(detail.Recordings);
        Assert.Equal(("audio/wav", 188, 3000L), (recording.ContentType, recording.DurationSeconds, recording.SizeBytes));
        Assert.Contains("secretish", detail.RawPayload);
        Assert.Equal(database.ConnectionIds[0], detail.ConnectionId);
    }

    [Fact]
    public async Task LoadAsync_Supervisor_HasNoRawPayload()
    {
        var detail = await database.Details.LoadAsync(Supervisor, database.SupportCallId);

        Assert.NotNull(detail);
        Assert.Null(detail.RawPayload);
        Assert.NotNull(detail.Transcript);
    }

    [Fact]
    public async Task LoadAsync_MissingCall_ReturnsNull()
    {
        Assert.Null(await database.Details.LoadAsync(Admin, 987_654_321));
        Assert.Null(await database.Details.LoadAsync(SupportLead, 987_654_321));
    }

    [Fact]
    public async Task LoadAsync_UserWithoutRole_IsRefused()
    {
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => database.Details.LoadAsync(Guest, database.SupportCallId));
    }

    [Fact]
    public async Task NumberHistoryAsync_Supervisor_EveryConnectionNewestFirst()
    {
        var calls = await database.Database.CallsAsync();
        var number = calls.Where(c => c.ExternalNumber != null).GroupBy(c => c.ExternalNumber!)
            .Where(g => g.Select(c => c.ConnectionId).Distinct().Count() > 1).OrderByDescending(g => g.Count()).First().Key;
        var expected = calls.Where(c => c.ExternalNumber == number).OrderByDescending(c => c.StartedAtUtc).ThenByDescending(c => c.Id).Select(c => c.Id).ToList();

        var actual = await database.Details.NumberHistoryAsync(Supervisor, number, take: 500);

        Assert.Equal(expected, actual.Select(r => r.Id));
        Assert.True(actual.Select(r => r.ConnectionName).Distinct().Count() > 1);
    }

    [Fact]
    public async Task NumberHistoryAsync_TeamLead_OnlyTheirTeamsCalls()
    {
        var calls = await database.Database.CallsAsync();
        var support = (await database.Database.TeamsAsync())["support"];
        bool IsSupport(Portal.Web.Data.Entities.Call c) => c.Extension is { } extension && support.Contains(extension);
        var number = calls.Where(c => c.ExternalNumber != null).GroupBy(c => c.ExternalNumber!)
            .First(g => g.Any(IsSupport) && g.Any(c => !IsSupport(c))).Key;
        var expected = calls.Where(c => c.ExternalNumber == number && IsSupport(c))
            .OrderByDescending(c => c.StartedAtUtc).ThenByDescending(c => c.Id).Select(c => c.Id).ToList();

        var actual = await database.Details.NumberHistoryAsync(SupportLead, number, take: 500);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual.Select(r => r.Id));
    }

    [Fact]
    public async Task NumberHistoryAsync_TeamLeadAndTheTwoCallsOfOneNumber_OnlyTheSupportCall()
    {
        Assert.Equal([database.SupportCallId], (await database.Details.NumberHistoryAsync(SupportLead, CallDetailsDatabase.Number)).Select(r => r.Id));
        Assert.Equal([database.SalesCallId, database.SupportCallId], (await database.Details.NumberHistoryAsync(Admin, CallDetailsDatabase.Number)).Select(r => r.Id));
    }

    [Fact]
    public async Task NumberHistoryAsync_Take_LimitsToTheNewest()
    {
        var all = await database.Details.NumberHistoryAsync(Admin, CallDetailsDatabase.Number);

        var one = await database.Details.NumberHistoryAsync(Admin, CallDetailsDatabase.Number, take: 1);

        Assert.Equal(all.Take(1).Select(r => r.Id), one.Select(r => r.Id));
    }
}
