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

/// <summary>Additions to and removals from the rollups of one batch, summed per key before they are written.</summary>
internal sealed class RollupDelta
{
    private readonly Dictionary<RollupKey, long[]> _sums = [];

    public bool IsEmpty => _sums.Count == 0;

    // Calls, TalkSeconds, RingSeconds, RingCalls, Talk0..Talk7
    public const int Width = 4 + 8;

    public void Add(RollupFacts facts, int sign)
    {
        foreach (var key in facts.Keys())
        {
            Add(key, facts, sign);
        }
    }

    private void Add(RollupKey key, RollupFacts facts, int sign)
    {
        if (!_sums.TryGetValue(key, out var sums))
        {
            _sums[key] = sums = new long[Width];
        }
        sums[0] += sign;
        sums[1] += sign * (long)facts.TalkSeconds;
        if (facts.RingSeconds is { } ring)
        {
            sums[2] += sign * (long)ring;
            sums[3] += sign;
        }
        sums[4 + TalkBuckets.Of(facts.TalkSeconds)] += sign;
    }

    /// <summary>Adds what another batch counted (once it is written).</summary>
    public void Add(RollupDelta other)
    {
        foreach (var (key, sums) in other._sums)
        {
            if (!_sums.TryGetValue(key, out var mine))
            {
                _sums[key] = mine = new long[Width];
            }
            for (var i = 0; i < Width; i++)
            {
                mine[i] += sums[i];
            }
        }
    }

    public IEnumerable<(RollupKey Key, long[] Sums)> NonZero() =>
        _sums.Where(s => s.Value.Any(v => v != 0)).Select(s => (s.Key, s.Value));
}
