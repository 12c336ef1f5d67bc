using Portal.Telephony.Calls;
using Portal.Web.Data.Entities;

namespace Portal.Web.Reporting.Rollups;

/// <summary>What one call counts as in the rollups.</summary>
internal readonly record struct RollupFacts(DateTime StartedAtUtc, string? Extension, CallDirection Direction, CallOutcome Outcome, int TalkSeconds, int? RingSeconds)
{
    /// <summary>The rollup rows the call counts in: one per grain.</summary>
    public IEnumerable<RollupKey> Keys()
    {
        var hour = new DateTime(StartedAtUtc.Year, StartedAtUtc.Month, StartedAtUtc.Day, StartedAtUtc.Hour, 0, 0, DateTimeKind.Utc);
        yield return new(RollupGrain.Hour, hour, Extension ?? "", Direction, Outcome);
        yield return new(RollupGrain.Day, hour.Date, Extension ?? "", Direction, Outcome);
        yield return new(RollupGrain.Month, new DateTime(hour.Year, hour.Month, 1, 0, 0, 0, DateTimeKind.Utc), Extension ?? "", Direction, Outcome);
        yield return new(RollupGrain.HourAllExtensions, hour, "", Direction, Outcome);
    }

    public static RollupFacts Of(NormalizedCall call) =>
        new(call.StartedAtUtc, call.Extension, call.Direction, call.Outcome, call.DurationSeconds, call.RingSeconds);
}

internal readonly record struct RollupKey(RollupGrain Grain, DateTime PeriodUtc, string Extension, CallDirection Direction, CallOutcome Outcome);

/// <summary>
/// The sums of one rollup row, or a change to them: calls, talk time, ring time over the calls that report it, and calls per
/// talk-time bucket (<see cref="TalkBuckets"/>; the row's Talk0…Talk7).
/// </summary>
internal sealed class RollupSums
{
    public long Calls { get; private set; }
    public long TalkSeconds { get; private set; }
    public long RingSeconds { get; private set; }
    public long RingCalls { get; private set; }
    public long[] CallsByTalkBucket { get; } = new long[TalkBuckets.UpperBounds.Length];

    public bool IsZero => Calls == 0 && TalkSeconds == 0 && RingSeconds == 0 && RingCalls == 0 && CallsByTalkBucket.All(c => c == 0);

    /// <summary>Counts a call in (<paramref name="sign"/> 1) or out (-1).</summary>
    public void Count(RollupFacts facts, int sign)
    {
        Calls += sign;
        TalkSeconds += sign * (long)facts.TalkSeconds;
        if (facts.RingSeconds is { } ring)
        {
            RingSeconds += sign * (long)ring;
            RingCalls += sign;
        }
        CallsByTalkBucket[TalkBuckets.Of(facts.TalkSeconds)] += sign;
    }

    public void Add(RollupSums other)
    {
        Calls += other.Calls;
        TalkSeconds += other.TalkSeconds;
        RingSeconds += other.RingSeconds;
        RingCalls += other.RingCalls;
        for (var bucket = 0; bucket < CallsByTalkBucket.Length; bucket++)
        {
            CallsByTalkBucket[bucket] += other.CallsByTalkBucket[bucket];
        }
    }
}

/// <summary>Additions to and removals from the rollups of one batch, summed per key before they are written.</summary>
internal sealed class RollupDelta
{
    private readonly Dictionary<RollupKey, RollupSums> _sums = [];

    public bool IsEmpty => _sums.Count == 0;

    /// <summary>Counts a call in (<paramref name="sign"/> 1) or out (-1) of its row in every grain.</summary>
    public void Add(RollupFacts facts, int sign)
    {
        foreach (var key in facts.Keys())
        {
            SumsOf(key).Count(facts, sign);
        }
    }

    /// <summary>Adds what another batch counted (once it is written).</summary>
    public void Add(RollupDelta other)
    {
        foreach (var (key, sums) in other._sums)
        {
            SumsOf(key).Add(sums);
        }
    }

    public IEnumerable<(RollupKey Key, RollupSums Sums)> NonZero() =>
        _sums.Where(s => !s.Value.IsZero).Select(s => (s.Key, s.Value));

    private RollupSums SumsOf(RollupKey key)
    {
        if (!_sums.TryGetValue(key, out var sums))
        {
            _sums[key] = sums = new RollupSums();
        }
        return sums;
    }
}
