namespace Portal.Sandbox.Tests;

/// <summary>
/// A clock that starts at a fixed instant and then runs in real time: generated traffic is the same whatever the
/// time of day or date the tests run at, while tokens and rate windows still see time pass.
/// </summary>
public sealed class FixedStartClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>Friday 2026-06-12 15:00 UTC: five days of history before it hold every vendor status.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 6, 12, 15, 0, 0, TimeSpan.Zero);

    private readonly long _startTimestamp = System.GetTimestamp();

    public FixedStartClock()
        : this(DefaultStart)
    {
    }

    public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(_startTimestamp);
}
