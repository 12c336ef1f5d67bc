using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Reporting;
using Portal.Web.Vendors;
using Portal.Web.Features.Calls;
using Portal.Web.Features.Sync.Ingest;

namespace Portal.Web.Tests.Features.Calls;

/// <summary>A call of an NFON Call History connection (its adapter reads no recordings) with two stored download addresses.</summary>
public sealed class RecordingOriginPortal : IAsyncLifetime
{
    private long _callId;

    public PortalAppFactory Portal { get; } = new();

    public async Task InitializeAsync()
    {
        var contexts = Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var connection = new Connection
        {
            Name = "NFON recordings",
            Vendor = VendorKind.NfonCallHistory,
            BaseUrl = new Uri(Portal.BaseAddress, "/nfon-call-history").ToString(),
            IsPaused = true,
            CreatedAtUtc = DateTime.UtcNow,
            UpdatedAtUtc = DateTime.UtcNow,
        };
        db.Connections.Add(connection);
        await db.SaveChangesAsync();
        // The portal's own health endpoint stands in for an address on the vendor's host that answers with JSON.
        var sameOrigin = new Uri(Portal.BaseAddress, "/health/live").AbsoluteUri;
        var otherHost = new UriBuilder(Portal.BaseAddress) { Host = "localhost", Path = "/health/live" }.Uri.AbsoluteUri;
        var call = new NormalizedCall
        {
            VendorCallId = "rec-origin",
            Direction = CallDirection.Inbound,
            Outcome = CallOutcome.Answered,
            StartedAtUtc = DateTime.UtcNow.AddHours(-1),
            RawPayload = "{}",
            Recordings =
            [
                new RecordingInfo("same", "audio/wav", 1, 1, DateTime.UtcNow, sameOrigin),
                new RecordingInfo("other", "audio/wav", 1, 1, DateTime.UtcNow, otherHost),
            ],
        };
        await Portal.Services.GetRequiredService<CallIngestor>().IngestAsync(connection.Id, [call], [],
            new CursorUpdate(SyncStreams.Records, call.StartedAtUtc), CancellationToken.None);
        _callId = await db.Calls.Where(c => c.VendorCallId == "rec-origin").Select(c => c.Id).SingleAsync();
    }

    public async Task<RecordingOpenResult> OpenAsync(string vendorRecordingId)
    {
        await using var db = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var recordingId = await db.Recordings.Where(r => r.CallId == _callId && r.VendorRecordingId == vendorRecordingId).Select(r => r.Id).SingleAsync();
        var admin = new PortalUser("admin", "Alex Admin", [PortalRoles.Admin], []);
        return await Portal.Services.GetRequiredService<RecordingDownloads>().OpenAsync(admin, _callId, recordingId, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Portal.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// A stored download address is fetched only from the connection's own scheme, host and port, and what comes back is
/// served under a safe content type.
/// </summary>
public sealed class RecordingOriginTests(RecordingOriginPortal fixture) : IClassFixture<RecordingOriginPortal>
{
    [Fact]
    public async Task OpenAsync_DownloadAddressOnAnotherHost_IsRefusedInWords()
    {
        var result = await fixture.OpenAsync("other");

        Assert.Equal(RecordingOpenStatus.VendorFailed, result.Status);
        Assert.Equal($"The recording's download address is on http://localhost:{fixture.Portal.BaseAddress.Port}; the portal fetches recordings only from NFON recordings's own address.",
            result.Message);
    }

    [Fact]
    public async Task OpenAsync_SameOriginAnsweringWithJson_IsServedAsOctetStreamNeverAsTheRemoteType()
    {
        var result = await fixture.OpenAsync("same");

        Assert.Equal(RecordingOpenStatus.Opened, result.Status);
        await using var content = result.Content!;
        Assert.Equal("application/octet-stream", content.ContentType);
        Assert.EndsWith(".bin", result.FileName);
    }
}

public sealed class RecordingContentTypeTests
{
    [Theory]
    [InlineData("audio/wav", "audio/wav")]
    [InlineData("audio/x-wav", "audio/wav")]
    [InlineData("AUDIO/MPEG; charset=binary", "audio/mpeg")]
    [InlineData("audio/mp3", "audio/mpeg")]
    [InlineData("audio/ogg", "audio/ogg")]
    [InlineData("audio/opus", "audio/opus")]
    [InlineData("audio/x-m4a", "audio/mp4")]
    [InlineData("audio/aac", "audio/aac")]
    [InlineData("audio/webm", "audio/webm")]
    [InlineData("text/html", "application/octet-stream")]
    [InlineData("image/svg+xml", "application/octet-stream")]
    [InlineData("audio/x-evil", "application/octet-stream")]
    [InlineData(null, "application/octet-stream")]
    public void SafeContentType_VendorType_IsOneOfTheShortListOrOctetStream(string? vendorType, string expected)
    {
        Assert.Equal(expected, RecordingDownloads.SafeContentType(vendorType));
    }
}
