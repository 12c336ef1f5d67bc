namespace Portal.Web.Features.Retention;

/// <summary>Wakes this instance's <see cref="DeletionJobRunner"/> when a job is created or resumed here.</summary>
public sealed class DeletionJobSignal
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Wake() => _signal.Release();

    /// <summary>Waits until woken or until <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _signal.WaitAsync(timeout, cancellationToken);
        while (_signal.CurrentCount > 0 && _signal.Wait(0))
        {
            // several wake-ups are one
        }
    }
}
