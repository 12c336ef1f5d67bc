using System.Text.Json;
using Portal.Sandbox.Traffic;
using Portal.Sandbox.Vendors.Unpod;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Telephony.Unpod;

namespace Portal.Telephony.Tests.Unpod;

public sealed class UnpodAdapterReadTests(SandboxServer server) : IClassFixture<SandboxServer>
{
    private List<GeneratedCall> Truth => server.GroundTruth(VendorKind.Unpod).OrderBy(c => c.StartedAtUtc).ToList();

    [Fact]
    public async Task ReadSince_WholeHistory_EqualsGroundTruth()
    {
        var truth = Truth;
        var (calls, skipped, pages) = await UnpodTesting.ReadAllAsync(UnpodTesting.Source(server), truth[0].StartedAtUtc.AddDays(-1));

        Assert.Empty(skipped);
        Assert.Equal(truth.Count, calls.Count);
        Assert.Equal(calls.Count, calls.Select(c => c.VendorCallId).Distinct().Count());
        var byId = calls.ToDictionary(c => c.VendorCallId);
        foreach (var call in truth)
        {
            UnpodTesting.AssertSameCall(UnpodExpectations.Expected(call), byId[UnpodExpectations.VendorCallId(call)]);
        }
        Assert.Contains(calls, c => c.Outcome == CallOutcome.NotConnected);
        Assert.Contains(calls, c => c is { Outcome: CallOutcome.Missed, VendorStatus: "no-answer" });
        Assert.Contains(calls, c => c is { Outcome: CallOutcome.Missed, VendorStatus: "missed" });
        Assert.InRange(pages[^1].Watermark, server.Clock.UtcNow.AddMinutes(-1), server.Clock.UtcNow);
    }

    [Fact]
    public async Task ReadSince_BothDurationFormats_GiveTheTalkSeconds()
    {
        var truth = Truth.Where(c => c.WasAnswered).ToDictionary(UnpodExpectations.VendorCallId);
        var (calls, _, _) = await UnpodTesting.ReadAllAsync(UnpodTesting.Source(server), Truth[0].StartedAtUtc);

        var answered = calls.Where(c => truth.ContainsKey(c.VendorCallId)).ToList();
        var kinds = answered.ToLookup(c => JsonDocument.Parse(c.RawPayload).RootElement.GetProperty("call_duration").ValueKind);
        Assert.NotEmpty(kinds[JsonValueKind.Number]);
        Assert.NotEmpty(kinds[JsonValueKind.String]);
        Assert.All(answered, c => Assert.Equal(truth[c.VendorCallId].TalkSeconds, c.DurationSeconds));
    }

    [Fact]
    public async Task ReadSince_RecordsWithoutId_GetTheSameDerivedKeyOnTwoReads()
    {
        var since = Truth[0].StartedAtUtc;

        var (first, _, _) = await UnpodTesting.ReadAllAsync(UnpodTesting.Source(server), since);
        var (second, _, _) = await UnpodTesting.ReadAllAsync(UnpodTesting.Adapter(server, pageSize: 7), since);

        var derived = first.Where(c => !JsonDocument.Parse(c.RawPayload).RootElement.TryGetProperty("id", out _)).ToList();
        Assert.NotEmpty(derived);
        Assert.All(derived, c => Assert.Matches("^unpod-[0-9a-f]{16}$", c.VendorCallId));
        Assert.Contains(first, c => c.VendorCallId.StartsWith("call_", StringComparison.Ordinal));
        Assert.Equal(first.Select(c => c.VendorCallId).Order(StringComparer.Ordinal), second.Select(c => c.VendorCallId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadSince_Cursor_ReturnsExactlyTheNewerCalls()
    {
        var truth = Truth;
        var cursor = truth[truth.Count / 2].StartedAtUtc;

        var (calls, _, _) = await UnpodTesting.ReadAllAsync(UnpodTesting.Source(server), cursor);

        Assert.Equal(truth.Where(c => c.StartedAtUtc >= cursor).Select(UnpodExpectations.VendorCallId).Order(StringComparer.Ordinal),
            calls.Select(c => c.VendorCallId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(1, 7)]
    [InlineData(5, 3)]
    [InlineData(20, 2)]
    public async Task ReadSince_CountIsAMultipleOfThePageSize_ReadsEveryPageAndNoneBeyond(int pageSize, int pages)
    {
        var truth = Truth;
        var first = truth.Count - pageSize * pages;
        while (truth[first].StartedAtUtc == truth[first - 1].StartedAtUtc)
        {
            first--; // keep the window on a second boundary; the emulator answers 404 for a page past the last
        }
        var since = truth[first].StartedAtUtc;
        var expected = truth.Skip(first).Select(UnpodExpectations.VendorCallId).ToList();

        var (calls, skipped, read) = await UnpodTesting.ReadAllAsync(UnpodTesting.Adapter(server, pageSize), since);

        Assert.Empty(skipped);
        Assert.Equal(expected.Order(StringComparer.Ordinal), calls.Select(c => c.VendorCallId).Order(StringComparer.Ordinal));
        Assert.Equal((expected.Count + pageSize - 1) / pageSize, read.Count);
        Assert.All(read.SkipLast(1), p => Assert.Equal(pageSize, p.Calls.Count));
        Assert.All(read.SkipLast(1), p => Assert.Equal(since, p.Watermark));
        Assert.InRange(read[^1].Watermark, server.Clock.UtcNow.AddMinutes(-1), server.Clock.UtcNow);
    }

    [Fact]
    public async Task ReadSince_AfterNewestCall_YieldsOneEmptyPageWatermarkedNow()
    {
        var (calls, _, pages) = await UnpodTesting.ReadAllAsync(UnpodTesting.Source(server), Truth[^1].StartedAtUtc.AddSeconds(1));

        Assert.Empty(calls);
        var page = Assert.Single(pages);
        Assert.InRange(page.Watermark, server.Clock.UtcNow.AddMinutes(-1), server.Clock.UtcNow);
    }

    [Fact]
    public async Task TestConnection_SandboxCredentials_ReturnsNull()
    {
        Assert.Null(await UnpodTesting.Source(server).TestConnectionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadSince_WrongToken_ThrowsAuthenticationError()
    {
        var source = UnpodTesting.Source(server, UnpodTesting.Settings(server, token: "wrong"));

        var error = (await Assert.ThrowsAsync<VendorException>(() => UnpodTesting.ReadAllAsync(source, server.Clock.UtcNow.AddHours(-1)))).Error;

        Assert.Equal(VendorErrorKind.Authentication, error.Kind);
        Assert.Equal(401, error.StatusCode);
        Assert.Equal("Unpod rejected the API token (401): Invalid token. Check the token of this connection.", error.Message);
        Assert.Equal(error, await source.TestConnectionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TestConnection_UnknownOrgHandle_WarnsNoCallsFoundForThisHandle()
    {
        // Like the open-source server, the emulator answers an unknown handle with 200 and no calls, not 403.
        var result = await UnpodTesting.Source(server, UnpodTesting.Settings(server, orgHandle: "other-org")).TestConnectionAsync(CancellationToken.None);

        Assert.Equal((VendorErrorKind.NoData, true), (result?.Kind, result?.IsWarning));
        Assert.StartsWith("No calls found for this organisation handle ('other-org').", result?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestConnection_NoOrgHandle_ReturnsConfigurationErrorNamingIt()
    {
        var error = await UnpodTesting.Source(server, UnpodTesting.Settings(server, orgHandle: null)).TestConnectionAsync(CancellationToken.None);

        Assert.Equal(VendorErrorKind.Configuration, error?.Kind);
        Assert.Equal("The connection has no OrgHandle.", error?.Message);
    }

    [Theory]
    [InlineData("207", 207)]
    [InlineData("207.4", 207)]
    [InlineData("\"207\"", 207)]
    [InlineData("\"0:05:25\"", 325)]
    [InlineData("\"1:00:00\"", 3600)]
    [InlineData("\"03:27\"", 207)]
    [InlineData("null", 0)]
    public void TryDuration_SecondsOrClockString_ReadsSeconds(string json, int seconds)
    {
        Assert.True(UnpodCallMapper.TryDuration(JsonDocument.Parse(json).RootElement, out var read));
        Assert.Equal(seconds, read);
    }

    [Theory]
    [InlineData("\"five minutes\"")]
    [InlineData("\"1:xx:00\"")]
    [InlineData("-3")]
    [InlineData("true")]
    public void TryDuration_Unreadable_IsRefused(string json)
    {
        Assert.False(UnpodCallMapper.TryDuration(JsonDocument.Parse(json).RootElement, out _));
    }
}
