using Portal.Sandbox.Vendors.NfonCallHistory;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using static Portal.Telephony.Tests.NfonCallHistory.NfonTestSupport;

namespace Portal.Telephony.Tests.NfonCallHistory;

/// <summary>Reading records from the emulator: the whole history, from a cursor, page edges, credentials.</summary>
public sealed class NfonCallHistoryReadTests(SandboxServer server) : IClassFixture<SandboxServer>
{
    [Fact]
    public async Task ReadSinceAsync_WholeHistory_EqualsGroundTruth()
    {
        var published = Log(server).Current();

        var pages = await ReadAllPagesAsync(Adapter(server), server.Clock.UtcNow.AddDays(-30));

        var calls = pages.SelectMany(p => p.Calls).ToList();
        Assert.All(pages, p => Assert.Empty(p.Skipped));
        Assert.Equal(published.Count, calls.Count);
        var byId = calls.ToDictionary(c => c.VendorCallId);
        foreach (var publication in published)
        {
            var expected = NfonCallHistoryGroundTruth.Expected(publication.Call, NfonCallHistorySandbox.IsTranscriptReady(publication));
            AssertMatches(expected, byId[publication.Call.Id]);
        }
        // The history exercises the main paths of the mapping (the rarer "busy"/"unknown" are covered by NfonRecordMapperTests).
        Assert.Contains(calls, c => c.Outcome == CallOutcome.Missed);
        Assert.Contains(calls, c => c.Outcome == CallOutcome.NotConnected);
        Assert.Contains(calls, c => c.Direction == CallDirection.Internal);
        Assert.Contains(calls, c => c.History.Count > 0);
        Assert.Contains(calls, c => c.Transcript is not null);
        Assert.Equal(calls.Max(c => c.StartedAtUtc), pages[^1].Watermark);
    }

    [Fact]
    public async Task ReadSinceAsync_FromCursor_ReturnsExactlyTheNewerRecords()
    {
        var starts = Log(server).Current().Select(p => p.Call).OrderBy(c => c.StartedAtUtc).ToList();
        var cursor = starts[starts.Count / 2].StartedAtUtc;
        var expected = starts.Where(c => c.StartedAtUtc >= cursor).Select(c => c.Id).Order().ToList();

        var pages = await ReadAllPagesAsync(Adapter(server), cursor);

        Assert.Equal(expected, pages.SelectMany(p => p.Calls).Select(c => c.VendorCallId).Order().ToList());
        Assert.Equal(starts[^1].StartedAtUtc, pages[^1].Watermark);
    }

    [Fact]
    public async Task ReadSinceAsync_ExactMultipleOfPageSize_EndsWithOneEmptyPage()
    {
        var starts = Log(server).Current().Select(p => p.Call.StartedAtUtc).Order().ToList();
        // A cursor with a multiple of 10 records at or after it (start times are whole seconds).
        var index = Enumerable.Range(1, starts.Count - 20).Reverse().First(i => (starts.Count - i) % 10 == 0 && starts[i - 1] < starts[i]);
        var expectedCount = starts.Count - index;
        var adapter = Adapter(server);
        adapter.PageSize = 10;

        var pages = await ReadAllPagesAsync(adapter, starts[index]);

        Assert.Equal(Enumerable.Repeat(10, expectedCount / 10).Append(0), pages.Select(p => p.Calls.Count));
        Assert.Equal(expectedCount, pages.SelectMany(p => p.Calls).Select(c => c.VendorCallId).Distinct().Count());
        Assert.Equal(pages[^2].Watermark, pages[^1].Watermark);
    }

    [Fact]
    public async Task ReadSinceAsync_NothingNewer_ReturnsOneEmptyPageAtTheCursor()
    {
        var cursor = server.Clock.UtcNow.AddDays(1);

        var pages = await ReadAllPagesAsync(Adapter(server), cursor);

        var page = Assert.Single(pages);
        Assert.Empty(page.Calls);
        Assert.Equal(cursor, page.Watermark);
    }

    [Fact]
    public async Task TestConnectionAsync_StaticToken_ReturnsNull()
    {
        Assert.Null(await Adapter(server).TestConnectionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TestConnectionAsync_WrongToken_ReturnsAuthenticationError()
    {
        var error = await Adapter(server, StaticSettings(server, "not-a-token")).TestConnectionAsync(CancellationToken.None);

        Assert.NotNull(error);
        Assert.Equal(VendorErrorKind.Authentication, error.Kind);
        Assert.Equal(401, error.StatusCode);
        Assert.Contains("rejected the access token", error.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid access token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSinceAsync_WrongToken_ThrowsAuthenticationError()
    {
        var ex = await Assert.ThrowsAsync<VendorException>(() => ReadAllPagesAsync(Adapter(server, StaticSettings(server, "not-a-token")), server.Clock.UtcNow.AddDays(-1)));

        Assert.Equal(VendorErrorKind.Authentication, ex.Error.Kind);
    }

    [Fact]
    public async Task TestConnectionAsync_NoCredentials_ReturnsConfigurationError()
    {
        var settings = new VendorConnectionSettings(Vendor, BaseUrl(server), new Dictionary<string, string>());

        var error = await Adapter(server, settings).TestConnectionAsync(CancellationToken.None);

        Assert.NotNull(error);
        Assert.Equal(VendorErrorKind.Configuration, error.Kind);
        Assert.Contains("Login with NFON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestConnectionAsync_WrongBaseUrl_ReturnsRejectedWithHint()
    {
        var settings = StaticSettings(server) with { BaseUrl = server.Url("/no-such-api") };

        var error = await Adapter(server, settings).TestConnectionAsync(CancellationToken.None);

        Assert.NotNull(error);
        Assert.Equal(VendorErrorKind.Rejected, error.Kind);
        Assert.Contains("Check the base URL", error.Message, StringComparison.Ordinal);
    }
}
