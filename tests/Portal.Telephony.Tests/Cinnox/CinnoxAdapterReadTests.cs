using Microsoft.AspNetCore.Http;
using Portal.Sandbox.Traffic;
using Portal.Sandbox.Vendors.Cinnox;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests.Cinnox;

public sealed class CinnoxAdapterReadTests(SandboxServer server) : IClassFixture<SandboxServer>
{
    private List<GeneratedCall> Truth => server.GroundTruth(VendorKind.Cinnox).OrderBy(c => c.StartedAtUtc).ToList();

    private ICallRecordSource Source => Assert.IsAssignableFrom<ICallRecordSource>(server.CreateAdapter(CinnoxTesting.Settings(server)));

    [Fact]
    public async Task ReadSince_WholeHistory_EqualsGroundTruth()
    {
        var truth = Truth;
        var (calls, skipped, pages) = await CinnoxTesting.ReadAllAsync(Source, truth[0].StartedAtUtc.AddDays(-1));

        Assert.Empty(skipped);
        Assert.Equal(truth.Count, calls.Count);
        Assert.Equal(calls.Count, calls.Select(c => c.VendorCallId).Distinct().Count());
        var byId = calls.ToDictionary(c => c.VendorCallId);
        foreach (var call in truth)
        {
            CinnoxTesting.AssertSameCall(CinnoxExpectations.Expected(call), byId[CinnoxExpectations.RecordId(call)]);
        }
        Assert.Contains(calls, c => c.Recordings.Count > 0);
        Assert.Contains(calls, c => c.Outcome == CallOutcome.NotConnected);
        Assert.Contains(calls, c => c.Outcome == CallOutcome.Missed);
        Assert.InRange(pages[^1].Watermark, server.Clock.UtcNow.AddMinutes(-1), server.Clock.UtcNow);
    }

    [Fact]
    public async Task ReadSince_Cursor_ReturnsExactlyTheNewerCalls()
    {
        var truth = Truth;
        var cursor = truth[truth.Count / 2].StartedAtUtc;

        var (calls, _, _) = await CinnoxTesting.ReadAllAsync(Source, cursor);

        var expected = truth.Where(c => c.StartedAtUtc >= cursor).Select(CinnoxExpectations.RecordId).Order(StringComparer.Ordinal);
        Assert.Equal(expected, calls.Select(c => c.VendorCallId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadSince_CursorOneTickAfterACall_LeavesThatCallOut()
    {
        var truth = Truth;
        var call = truth[truth.Count / 3];

        var (calls, _, _) = await CinnoxTesting.ReadAllAsync(Source, call.StartedAtUtc.AddTicks(1));

        Assert.DoesNotContain(calls, c => c.VendorCallId == CinnoxExpectations.RecordId(call));
        Assert.Equal(truth.Count(c => c.StartedAtUtc > call.StartedAtUtc), calls.Count);
    }

    [Fact]
    public async Task ReadSince_AfterNewestCall_YieldsOneEmptyPageWatermarkedNow()
    {
        var since = Truth[^1].StartedAtUtc.AddSeconds(1);

        var (calls, skipped, pages) = await CinnoxTesting.ReadAllAsync(Source, since);

        Assert.Empty(calls);
        Assert.Empty(skipped);
        var page = Assert.Single(pages);
        Assert.InRange(page.Watermark, server.Clock.UtcNow.AddMinutes(-1), server.Clock.UtcNow);
    }

    [Fact]
    public async Task ReadSince_InTheFuture_YieldsNoPages()
    {
        var (_, _, pages) = await CinnoxTesting.ReadAllAsync(Source, server.Clock.UtcNow.AddHours(1));

        Assert.Empty(pages);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(12)] // the first window holds exactly one full page
    public async Task ReadSince_WindowHoldsAMultipleOfThePageSize_ReadsEveryCallOnceWithATrailingEmptyPage(int pageSize)
    {
        var truth = Truth;
        var since = truth[0].StartedAtUtc; // the first call sits exactly on the window start (inclusive)
        var inFirstWindow = 12;
        while (truth[inFirstWindow].StartedAtUtc == truth[inFirstWindow - 1].StartedAtUtc)
        {
            inFirstWindow += 12;
        }
        var window = truth[inFirstWindow].StartedAtUtc - since; // that call opens the second window (end exclusive)

        var (calls, skipped, pages) = await CinnoxTesting.ReadAllAsync(CinnoxTesting.Adapter(server, pageSize, window), since);

        Assert.Empty(skipped);
        Assert.Equal(truth.Select(CinnoxExpectations.RecordId).Order(StringComparer.Ordinal), calls.Select(c => c.VendorCallId).Order(StringComparer.Ordinal));
        var firstWindow = pages.Take(inFirstWindow / pageSize + 1).ToList();
        Assert.All(firstWindow.SkipLast(1), p => Assert.Equal(pageSize, p.Calls.Count));
        Assert.All(firstWindow.SkipLast(1), p => Assert.Equal(since, p.Watermark));
        Assert.Empty(firstWindow[^1].Calls);
        Assert.Equal(since + window, firstWindow[^1].Watermark);
        Assert.Equal(pages.Select(p => p.Watermark).Order(), pages.Select(p => p.Watermark));
    }

    [Fact]
    public async Task TestConnection_SandboxCredentials_ReturnsNull()
    {
        Assert.Null(await Source.TestConnectionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadSince_WrongToken_ThrowsAuthenticationErrorNamingTheToken()
    {
        var adapter = Assert.IsAssignableFrom<ICallRecordSource>(server.CreateAdapter(CinnoxTesting.Settings(server, token: "wrong")));

        var error = (await Assert.ThrowsAsync<VendorException>(() => CinnoxTesting.ReadAllAsync(adapter, server.Clock.UtcNow.AddHours(-1)))).Error;

        Assert.Equal(VendorErrorKind.Authentication, error.Kind);
        Assert.Equal(401, error.StatusCode);
        Assert.Contains("CINNOX rejected the App Token", error.Message, StringComparison.Ordinal);
        Assert.Equal(error, await adapter.TestConnectionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TestConnection_WrongAppId_ReturnsAuthenticationErrorNamingTheApp()
    {
        var adapter = server.CreateAdapter(CinnoxTesting.Settings(server, appId: "other-app"));

        var error = await adapter.TestConnectionAsync(CancellationToken.None);

        Assert.NotNull(error);
        Assert.Equal(VendorErrorKind.Authentication, error.Kind);
        Assert.Equal(403, error.StatusCode);
        Assert.Contains("app 'other-app'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestConnection_NoAppToken_ReturnsConfigurationError()
    {
        var settings = CinnoxTesting.Settings(server) with { Secrets = new Dictionary<string, string> { [VendorSecrets.AppId] = CinnoxSandbox.AppId } };

        var error = await server.CreateAdapter(settings).TestConnectionAsync(CancellationToken.None);

        Assert.Equal(VendorErrorKind.Configuration, error?.Kind);
        Assert.Contains(VendorSecrets.AppToken, error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenRecording_RecordedCall_DownloadsTheWav()
    {
        var truth = Truth.First(c => c.HasRecording);
        var (calls, _, _) = await CinnoxTesting.ReadAllAsync(Source, truth.StartedAtUtc);
        var call = calls.Single(c => c.VendorCallId == CinnoxExpectations.RecordId(truth));
        var recordings = Assert.IsAssignableFrom<IRecordingSource>(Source);

        await using var content = await recordings.OpenRecordingAsync(call.VendorCallId, call.Recordings.Single(), CancellationToken.None);
        using var buffer = new MemoryStream();
        await content.Content.CopyToAsync(buffer);

        Assert.Equal("audio/wav", content.ContentType);
        Assert.Equal(call.Recordings.Single().SizeBytes, buffer.Length);
        Assert.Equal("RIFF"u8.ToArray(), buffer.ToArray()[..4]);
    }

    [Fact]
    public async Task OpenRecording_DownloadUrlOnAnotherHost_IsRefusedWithoutARequest()
    {
        await using var foreign = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("RIFF"));
        var recording = new RecordingInfo("r1", "audio/wav", 10, 4, null, foreign.Url("/recordings/r1.wav").AbsoluteUri);
        var recordings = Assert.IsAssignableFrom<IRecordingSource>(Source);

        var ex = await Assert.ThrowsAsync<VendorException>(() => recordings.OpenRecordingAsync("c1", recording, CancellationToken.None));

        Assert.Equal(VendorErrorKind.Rejected, ex.Error.Kind);
        Assert.StartsWith($"CINNOX names the recording at http://{foreign.BaseAddress.Authority}; the portal fetches recordings only from the connection's own address", ex.Message);
        Assert.Empty(foreign.Received);
    }
}
