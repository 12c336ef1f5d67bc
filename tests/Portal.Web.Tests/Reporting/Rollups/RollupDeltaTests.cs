using Portal.Telephony.Calls;
using Portal.Web.Data.Entities;
using Portal.Web.Reporting.Rollups;

namespace Portal.Web.Tests.Reporting.Rollups;

public class RollupDeltaTests
{
    private static readonly RollupFacts Answered = new(new DateTime(2026, 3, 29, 1, 30, 0, DateTimeKind.Utc), "101", CallDirection.Inbound,
        CallOutcome.Answered, TalkSeconds: 95, RingSeconds: 7);

    [Fact]
    public void Add_OneCall_CountsItsNamedSumsInEveryGrain()
    {
        var delta = new RollupDelta();

        delta.Add(Answered, 1);

        var rows = delta.NonZero().ToList();
        Assert.Equal([RollupGrain.Hour, RollupGrain.Day, RollupGrain.Month, RollupGrain.HourAllExtensions], rows.Select(r => r.Key.Grain));
        Assert.All(rows, r =>
        {
            Assert.Equal((1L, 95L, 7L, 1L), (r.Sums.Calls, r.Sums.TalkSeconds, r.Sums.RingSeconds, r.Sums.RingCalls));
            Assert.Equal([0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L], r.Sums.CallsByTalkBucket); // 95 s: the 1–2 min bucket
        });
        Assert.Equal(3, TalkBuckets.Of(95));
    }

    [Fact]
    public void Add_CallWithoutRingTime_CountsNoRingCall()
    {
        var delta = new RollupDelta();

        delta.Add(Answered with { RingSeconds = null, TalkSeconds = 0 }, 1);

        var sums = delta.NonZero().First().Sums;
        Assert.Equal((1L, 0L, 0L, 0L, 1L), (sums.Calls, sums.TalkSeconds, sums.RingSeconds, sums.RingCalls, sums.CallsByTalkBucket[0]));
    }

    [Fact]
    public void Add_CallCountedInAndOutOverTwoBatches_LeavesNothingToWrite()
    {
        var first = new RollupDelta();
        var second = new RollupDelta();
        first.Add(Answered, 1);
        second.Add(Answered, -1);

        first.Add(second);

        Assert.False(first.IsEmpty);
        Assert.Empty(first.NonZero());
    }
}
