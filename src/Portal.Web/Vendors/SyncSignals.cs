using System.Collections.Concurrent;

namespace Portal.Web.Vendors;

/// <summary>
/// Wakes a connection's sync worker: "sync now", a changed setting, a re-sync from a date, pause and resume.
/// The worker reads the connection's state from the database when woken; this only shortens its wait.
/// </summary>
public sealed class SyncSignals
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _signals = new();

    /// <summary>Asks the sync engine to look at the connection now (also re-reads its settings and cursor).</summary>
    public void Wake(int connectionId) => Signal(connectionId).Release();

    /// <summary>Waits until woken or until <paramref name="timeout"/>; true when woken.</summary>
    public async Task<bool> WaitAsync(int connectionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var signal = Signal(connectionId);
        var woken = await signal.WaitAsync(timeout, cancellationToken);
        while (signal.CurrentCount > 0 && signal.Wait(0))
        {
            // collapse several wake-ups into one
        }
        return woken;
    }

    private SemaphoreSlim Signal(int connectionId) => _signals.GetOrAdd(connectionId, _ => new SemaphoreSlim(0));
}
