namespace Portal.Web.Features.Retention.Pages;

/// <summary>
/// How fast a running job goes, from what a page has seen of it: the processed count at moments in the last
/// <see cref="Window"/>. Calls per second over that window, and the time left at that speed. Knows nothing until it has seen
/// the count rise; starts over when the count falls (another job, or a reset).
/// </summary>
public sealed class DeletionJobSpeed
{
    /// <summary>How far back the speed looks: long enough to smooth batches, short enough to follow a change of pace.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly Queue<(DateTime AtUtc, long Processed)> _samples = new();

    /// <summary>Records the processed count seen at <paramref name="atUtc"/>.</summary>
    public void Observe(DateTime atUtc, long processed)
    {
        if (_samples.Count > 0)
        {
            var last = _samples.Last();
            if (processed < last.Processed || atUtc < last.AtUtc)
            {
                _samples.Clear();
            }
            else if (processed == last.Processed && _samples.Count > 1 && atUtc - last.AtUtc < TimeSpan.FromSeconds(1))
            {
                return; // nothing new
            }
        }
        _samples.Enqueue((atUtc, processed));
        while (_samples.Count > 2 && atUtc - _samples.Peek().AtUtc > Window)
        {
            _samples.Dequeue();
        }
    }

    /// <summary>Forgets what it has seen (the job stopped; a resumed job measures afresh).</summary>
    public void Reset() => _samples.Clear();

    /// <summary>Calls per second over the window, or null before the count has risen over at least half a second.</summary>
    public double? CallsPerSecond
    {
        get
        {
            if (_samples.Count < 2)
            {
                return null;
            }
            var (firstAt, firstProcessed) = _samples.Peek();
            var (lastAt, lastProcessed) = _samples.Last();
            var seconds = (lastAt - firstAt).TotalSeconds;
            return seconds >= 0.5 && lastProcessed > firstProcessed ? (lastProcessed - firstProcessed) / seconds : null;
        }
    }

    /// <summary>The time the rest of the job takes at the current speed, or null while the speed is unknown.</summary>
    public TimeSpan? TimeLeft(long selected, long processed) =>
        CallsPerSecond is { } rate ? TimeSpan.FromSeconds(Math.Max(0, selected - processed) / rate) : null;
}
