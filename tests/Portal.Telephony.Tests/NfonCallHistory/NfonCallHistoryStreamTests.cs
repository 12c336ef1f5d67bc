using Portal.Sandbox.Faults;
using Portal.Sandbox.Traffic;
using Portal.Sandbox.Vendors.NfonCallHistory;
using Portal.Telephony.Calls;
using static Portal.Telephony.Tests.NfonCallHistory.NfonTestSupport;

namespace Portal.Telephony.Tests.NfonCallHistory;

/// <summary>The live SSE stream: new calls, drops and resumption, records re-sent with their transcript.</summary>
public sealed class NfonCallHistoryStreamTests(SandboxServer server) : IClassFixture<SandboxServer>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public void Dispose() => server.ClearFaults(Vendor);

    [Fact]
    public async Task StreamAsync_NewCall_ComesThroughAsGroundTruthSays()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var call = FutureCalls(server).First(c => c.Transcript is null);
        await using var stream = Adapter(server).StreamAsync(LastSequence(server), timeout.Token).GetAsyncEnumerator(timeout.Token);

        Log(server).Publish([call], call.EndedAtUtc);

        Assert.True(await stream.MoveNextAsync());
        AssertMatches(NfonCallHistoryGroundTruth.Expected(call, transcriptReady: false), stream.Current.Call!);
        Assert.Equal(Log(server).Find(call.Id)!.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), stream.Current.EventId);
    }

    [Fact]
    public async Task StreamAsync_StreamDroppedEveryTwoEvents_ResumesWithNothingLostOrRepeated()
    {
        server.Faults.Set(Vendor, new VendorFaults { DropStreamsAfterEvents = 2 });
        using var timeout = new CancellationTokenSource(Patience);
        var calls = FutureCalls(server, daysAhead: 5).Where(c => c.Transcript is null).Take(9).ToList();
        var sentinel = SentinelBefore(calls.Min(c => c.StartedAtUtc));
        var received = new List<string>();
        await using var stream = Adapter(server).StreamAsync(LastSequence(server), timeout.Token).GetAsyncEnumerator(timeout.Token);

        foreach (var call in calls.Append(sentinel))
        {
            Log(server).Publish([call], call.EndedAtUtc);
        }
        while (await stream.MoveNextAsync())
        {
            Assert.Null(stream.Current.Skipped);
            received.Add(stream.Current.Call!.VendorCallId);
            if (stream.Current.Call.VendorCallId == sentinel.Id)
            {
                break;
            }
        }

        Assert.Equal(calls.Append(sentinel).Select(c => c.Id).Order(), received.Order());
    }

    [Fact]
    public async Task StreamAsync_RecordResentWithTranscript_ComesThroughAgainWithTheTranscript()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var call = FutureCalls(server).First(c => c.Transcript is not null);
        await using var stream = Adapter(server).StreamAsync(LastSequence(server), timeout.Token).GetAsyncEnumerator(timeout.Token);

        Log(server).Publish([call], call.EndedAtUtc);
        Assert.True(await stream.MoveNextAsync());
        var first = stream.Current.Call!;
        Assert.Equal(1, NfonTranscriptPublisher.RepublishReady(Log(server), NfonCallHistorySandbox.TranscriptReadyAtUtc(call)));
        Assert.True(await stream.MoveNextAsync());
        var second = stream.Current.Call!;

        Assert.Null(first.Transcript);
        Assert.Null(first.VendorUpdatedAtUtc);
        AssertMatches(NfonCallHistoryGroundTruth.Expected(call, transcriptReady: true), second);
        Assert.NotNull(second.Transcript);
    }

    [Fact]
    public async Task StreamAsync_CatchUpBroughtNewerVersion_OlderVersionReplayedLaterIsDropped()
    {
        // Each event ends the connection. After the first call, a reconnect catches up (the newest version, with
        // transcript) and then the backlog replays the older version without transcript: that one must not come out.
        server.Faults.Set(Vendor, new VendorFaults { DropStreamsAfterEvents = 1 });
        using var timeout = new CancellationTokenSource(Patience);
        var future = FutureCalls(server, daysAhead: 10).ToList();
        var withTranscript = future.Where(c => c.Transcript is not null).OrderBy(c => c.StartedAtUtc).Skip(5).First();
        var first = future.Where(c => c.Transcript is null && c.StartedAtUtc < withTranscript.StartedAtUtc).MaxBy(c => c.StartedAtUtc)!;
        var sentinel = SentinelBefore(first.StartedAtUtc);
        var received = new List<NormalizedCall>();
        await using var stream = Adapter(server).StreamAsync(LastSequence(server), timeout.Token).GetAsyncEnumerator(timeout.Token);

        Log(server).Publish([first], first.EndedAtUtc);
        Log(server).Publish([withTranscript], withTranscript.EndedAtUtc);
        NfonTranscriptPublisher.RepublishReady(Log(server), NfonCallHistorySandbox.TranscriptReadyAtUtc(withTranscript));
        Log(server).Publish([sentinel], sentinel.EndedAtUtc); // older than any catch-up reaches: comes only by the stream, last
        while (await stream.MoveNextAsync())
        {
            received.Add(stream.Current.Call!);
            if (stream.Current.Call!.VendorCallId == sentinel.Id)
            {
                break;
            }
        }

        Assert.Equal([first.Id, withTranscript.Id, sentinel.Id], received.Select(c => c.VendorCallId));
        AssertMatches(NfonCallHistoryGroundTruth.Expected(withTranscript, transcriptReady: true), received[1]);
    }

    /// <summary>A new call created long before <paramref name="createdAfter"/>: no catch-up reaches it, only the stream brings it.</summary>
    private GeneratedCall SentinelBefore(DateTime createdAfter) =>
        FutureCalls(server).First(c => c.Transcript is null && c.StartedAtUtc < createdAfter - TimeSpan.FromMinutes(30));
}
