namespace Portal.Sandbox.Tests;

/// <summary>
/// A clock that starts at a fixed instant and then runs in real time: generated traffic is the same whatever the
/// time of day or date the tests run at, while tokens and rate windows still see time pass. The rule for every test
/// that reads generated sandbox traffic: run the sandbox (and whatever reads from it) on this clock with the fixed seed,
/// and take "now" from this clock, never from <see cref="DateTime.UtcNow"/>.
/// </summary>
/// <remarks>Shared by the test projects as a linked file (the test projects do not reference each other).</remarks>
public sealed class FixedStartClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>Friday 2026-06-12 15:00 UTC (17:00 in Berlin): a busy weekday afternoon; five days of history before it
    /// hold every vendor status.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 6, 12, 15, 0, 0, TimeSpan.Zero);

    private readonly long _startTimestamp = System.GetTimestamp();

    public FixedStartClock()
        : this(DefaultStart)
    {
    }

    /// <summary>The instant the clock started at.</summary>
    public DateTimeOffset Start => start;

    /// <summary>Now, as a UTC <see cref="DateTime"/> (what the call log and the adapters take).</summary>
    public DateTime UtcNow => GetUtcNow().UtcDateTime;

    public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(_startTimestamp);
}
