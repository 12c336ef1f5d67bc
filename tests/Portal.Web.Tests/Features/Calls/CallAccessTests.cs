using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Sandbox.Tests;
using Portal.Sandbox.Traffic;
using Portal.Sandbox.Vendors.WebFones;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Reporting;
using Portal.Web.Vendors;
using Portal.Web.Tests.Features.Connections;
using Portal.Web.Features.Calls;
using Portal.Web.Features.Sync.Ingest;

namespace Portal.Web.Tests.Features.Calls;

/// <summary>
/// The real portal over HTTP, signed in through the development provider: a WebFones connection to the in-process sandbox
/// (paused: only the two calls below exist) with a support call (extension 110) and a sales call (101), each with a recording
/// the sandbox serves. The development user "teamlead" is limited to the support team.
/// </summary>
public sealed class CallAccessPortal : IAsyncLifetime
{
    public PortalAppFactory Portal { get; } = PortalAppFactory.With([], services: s => s.AddFixedClock(new FixedStartClock()));
    public long SupportCallId { get; private set; }
    public long SupportRecordingId { get; private set; }
    public long SalesCallId { get; private set; }
    public long SalesRecordingId { get; private set; }
    /// <summary>A support call whose recording the vendor no longer has.</summary>
    public long GoneCallId { get; private set; }
    public long GoneRecordingId { get; private set; }
    /// <summary>The audio the sandbox serves for the support call's recording.</summary>
    public byte[] SupportAudio { get; private set; } = [];
    /// <summary>Both calls are with this number.</summary>
    public const string Number = "+12125550187";

    public async Task InitializeAsync()
    {
        var recorded = Portal.Services.GetRequiredService<SandboxTraffic>().Log(VendorKind.WebFones).Current()
            .Select(p => p.Call).Where(c => c.HasRecording).Take(2).ToList();
        Assert.True(recorded.Count == 2, "The sandbox's WebFones history has fewer than two recorded calls.");

        var contexts = Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        int connectionId;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var support = new Team { Key = "support", Name = "Support" };
            support.Extensions.Add(new Extension { Number = "110", Name = "Felix Weber", UpdatedAtUtc = DateTime.UtcNow });
            var sales = new Team { Key = "sales", Name = "Sales" };
            sales.Extensions.Add(new Extension { Number = "101", Name = "Anna Becker", UpdatedAtUtc = DateTime.UtcNow });
            db.Teams.AddRange(support, sales);
            var connection = new Connection
            {
                Name = "WebFones recordings",
                Vendor = VendorKind.WebFones,
                BaseUrl = new Uri(Portal.BaseAddress, WebFonesSandbox.BasePath).ToString(),
                PhoneRegion = WebFonesSandbox.PhoneRegion,
                TimeZone = WebFonesSandbox.TimeZone,
                IsPaused = true,
                ProtectedSecrets = Portal.Services.GetRequiredService<ConnectionSecretProtector>()
                    .Protect(new Dictionary<string, string> { [VendorSecrets.ApiKey] = WebFonesSandbox.ApiKey }),
                CreatedAtUtc = DateTime.UtcNow,
                UpdatedAtUtc = DateTime.UtcNow,
            };
            db.Connections.Add(connection);
            await db.SaveChangesAsync();
            connectionId = connection.Id;
        }

        NormalizedCall Call(GeneratedCall generated, string extension, string number) => new()
        {
            VendorCallId = generated.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Direction = CallDirection.Inbound,
            Outcome = CallOutcome.Answered,
            StartedAtUtc = generated.StartedAtUtc,
            DurationSeconds = 60,
            Extension = extension,
            ExternalNumber = number,
            Recordings = [new RecordingInfo(generated.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null, null, null, null)],
            RawPayload = "{}",
        };
        var gone = Call(recorded[0], "110", Number) with
        {
            VendorCallId = "999999999", Recordings = [new RecordingInfo("999999999", null, null, null, null, null)],
        };
        var calls = new[] { Call(recorded[0], "110", Number), Call(recorded[1], "101", Number), gone };
        await Portal.Services.GetRequiredService<CallIngestor>().IngestAsync(connectionId, calls, [],
            new CursorUpdate(SyncStreams.Records, calls.Max(c => c.StartedAtUtc)), CancellationToken.None);

        await using (var db = await contexts.CreateDbContextAsync())
        {
            var stored = await db.Recordings.AsNoTracking()
                .Join(db.Calls, r => r.CallId, c => c.Id, (r, c) => new { r.Id, r.CallId, c.Extension, c.VendorCallId }).ToListAsync();
            (GoneCallId, GoneRecordingId) = stored.Where(s => s.VendorCallId == gone.VendorCallId).Select(s => (s.CallId, s.Id)).Single();
            stored.RemoveAll(s => s.VendorCallId == gone.VendorCallId);
            (SupportCallId, SupportRecordingId) = stored.Where(s => s.Extension == "110").Select(s => (s.CallId, s.Id)).Single();
            (SalesCallId, SalesRecordingId) = stored.Where(s => s.Extension == "101").Select(s => (s.CallId, s.Id)).Single();
        }
        SupportAudio = WebFonesRecordingAudio.Create(recorded[0].Number);
    }

    public Task DisposeAsync()
    {
        Portal.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Who may read a call and download its recording, through real HTTP: the detail page (prerendered) and
/// <c>GET /calls/{callId}/recordings/{recordingId}</c>.
/// </summary>
public class CallAccessTests(CallAccessPortal fixture) : IClassFixture<CallAccessPortal>
{
    [Fact]
    public async Task RecordingDownload_TeamLeadAndOwnTeamsCall_StreamsTheVendorsAudio()
    {
        using var client = await SignedInAsync("teamlead");

        var response = await client.Http.GetAsync(RecordingEndpoints.DownloadPath(fixture.SupportCallId, fixture.SupportRecordingId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"call-{fixture.SupportCallId}-recording-{fixture.SupportRecordingId}.wav", response.Content.Headers.ContentDisposition?.FileNameStar
            ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(fixture.SupportAudio, await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task RecordingDownload_Admin_IsAuditedWithCallAndRecordingNotTheAudio()
    {
        using var client = await SignedInAsync("admin");

        var response = await client.Http.GetAsync(RecordingEndpoints.DownloadPath(fixture.SupportCallId, fixture.SupportRecordingId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(await AuditAsync("Alex Admin"));
        Assert.Equal((RecordingEndpoints.DownloadAction, $"call {fixture.SupportCallId}, recording {fixture.SupportRecordingId}", false, (string?)null),
            (entry.Action, entry.Target, entry.Refused, entry.Details));
    }

    [Fact]
    public async Task RecordingDownload_TeamLeadAndAnotherTeamsCall_Returns403WithoutAudioAndIsAuditedAsRefused()
    {
        using var client = await SignedInAsync("teamlead");

        var response = await client.Http.GetAsync(RecordingEndpoints.DownloadPath(fixture.SalesCallId, fixture.SalesRecordingId));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual("audio/wav", response.Content.Headers.ContentType?.MediaType);
        var target = $"call {fixture.SalesCallId}, recording {fixture.SalesRecordingId}";
        var entry = Assert.Single(await AuditAsync("Taylor Teamlead"), e => e.Target == target);
        Assert.Equal((RecordingEndpoints.DownloadAction, true), (entry.Action, entry.Refused));
        Assert.Contains("belongs to a team Taylor Teamlead may not see", entry.Details);
        Assert.Contains(fixture.Portal.SecurityEvents, e => e.GetStructuredStateValue("Target") == target);
    }

    [Fact]
    public async Task RecordingDownload_SupervisorAndAnyTeamsCall_Returns200()
    {
        using var client = await SignedInAsync("supervisor");

        var response = await client.Http.GetAsync(RecordingEndpoints.DownloadPath(fixture.SalesCallId, fixture.SalesRecordingId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 44);
    }

    [Theory]
    [InlineData("missing call")]
    [InlineData("missing recording")]
    [InlineData("recording of another call")]
    public async Task RecordingDownload_NoSuchRecording_Returns404(string what)
    {
        using var client = await SignedInAsync("supervisor");
        var path = what switch
        {
            "missing call" => RecordingEndpoints.DownloadPath(987_654_321, fixture.SupportRecordingId),
            "missing recording" => RecordingEndpoints.DownloadPath(fixture.SupportCallId, 987_654_321),
            _ => RecordingEndpoints.DownloadPath(fixture.SupportCallId, fixture.SalesRecordingId),
        };

        var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RecordingDownload_VendorHasNoAudio_Returns502SayingWhy()
    {
        using var client = await SignedInAsync("teamlead");

        var response = await client.Http.GetAsync(RecordingEndpoints.DownloadPath(fixture.GoneCallId, fixture.GoneRecordingId));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("WebFones has no recording for call 999999999", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RecordingDownload_SignedOut_IsSentToSignInWithoutAudio()
    {
        using var client = fixture.Portal.CreatePortalClient();

        var response = await client.Http.GetAsync(RecordingEndpoints.DownloadPath(fixture.SupportCallId, fixture.SupportRecordingId));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(new Uri(fixture.Portal.BaseAddress, "/dev-oidc/connect/authorize").ToString(), response.Headers.Location!.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task RecordingDownload_UserWithoutRole_IsRefused()
    {
        using var client = await SignedInAsync("guest");

        var response = await client.Http.GetAsync(RecordingEndpoints.DownloadPath(fixture.SupportCallId, fixture.SupportRecordingId));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/no-access", response.Headers.Location!.AbsolutePath);
        var entry = Assert.Single(await AuditAsync("Gale Guest"));
        Assert.Equal((RecordingEndpoints.DownloadAction, $"GET {RecordingEndpoints.DownloadPath(fixture.SupportCallId, fixture.SupportRecordingId)}", true),
            (entry.Action, entry.Target, entry.Refused));
    }

    [Fact]
    public async Task DetailPage_TeamLeadAndAnotherTeamsCall_SaysNoAndShowsNothingOfTheCall()
    {
        using var client = await SignedInAsync("teamlead");

        var html = WebUtility.HtmlDecode(await PortalClient.ReadOkHtmlAsync(await client.Http.GetAsync($"/calls/{fixture.SalesCallId}")));

        Assert.Contains("You may not see this call", html);
        Assert.Contains(fixture.Portal.SecurityEvents, e => e.GetStructuredStateValue("Target") == $"call {fixture.SalesCallId}"
            && e.GetStructuredStateValue("Action") == "call.read" && e.GetStructuredStateValue("UserName") == "Taylor Teamlead");
        Assert.DoesNotContain(CallAccessPortal.Number, html);
        Assert.DoesNotContain("data-testid=\"call-fields\"", html);
        Assert.DoesNotContain(RecordingEndpoints.DownloadPath(fixture.SalesCallId, fixture.SalesRecordingId), html);
    }

    [Fact]
    public async Task DetailPage_TeamLeadAndOwnTeamsCall_ShowsTheCallAndItsRecording()
    {
        using var client = await SignedInAsync("teamlead");

        var html = WebUtility.HtmlDecode(await PortalClient.ReadOkHtmlAsync(await client.Http.GetAsync($"/calls/{fixture.SupportCallId}")));

        Assert.Contains(CallAccessPortal.Number, html);
        Assert.Contains(RecordingEndpoints.DownloadPath(fixture.SupportCallId, fixture.SupportRecordingId), html);
        Assert.DoesNotContain("You may not see this call", html);
        // The number's other call is the sales team's: not listed for the team lead.
        Assert.DoesNotContain($"/calls/{fixture.SalesCallId}\"", html);
    }

    [Fact]
    public async Task DetailPage_MissingCall_SaysSo()
    {
        using var client = await SignedInAsync("supervisor");

        var html = await PortalClient.ReadOkHtmlAsync(await client.Http.GetAsync("/calls/987654321"));

        Assert.Contains("No such call", html);
    }

    [Fact]
    public async Task CallsPage_UserWithoutRole_IsRefused()
    {
        using var client = await SignedInAsync("guest");

        var response = await client.Http.GetAsync("/calls");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/no-access", response.Headers.Location!.AbsolutePath);
    }

    private Task<List<AuditEntry>> AuditAsync(string userName) =>
        fixture.Portal.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.UserName == userName).OrderBy(e => e.Id).ToListAsync());

    private async Task<PortalClient> SignedInAsync(string user)
    {
        var client = fixture.Portal.CreatePortalClient();
        await client.SignInAsync(user, user);
        return client;
    }
}
