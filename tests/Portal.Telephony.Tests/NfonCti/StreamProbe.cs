using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace Portal.Telephony.Tests.NfonCti;

/// <summary>
/// Reads a live stream in the background from the moment it is made (so the stream connects at once), and hands
/// the items to the test: a bounded wait for each item, never a sleep.
/// </summary>
internal sealed class StreamProbe<T> : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<T> _items = Channel.CreateUnbounded<T>();
    private readonly Task _pump;

    public StreamProbe(Func<CancellationToken, IAsyncEnumerable<T>> open) => _pump = Task.Run(() => PumpAsync(open));

    /// <summary>The next item; fails the test when none comes within <see cref="Patience"/>.</summary>
    public async Task<T> NextAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        try
        {
            return await _items.Reader.ReadAsync(patience.Token);
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested)
        {
            throw new TimeoutException($"The stream sent nothing within {Patience.TotalSeconds} s.");
        }
        catch (ChannelClosedException closed) when (closed.InnerException is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure); // what the stream threw
            throw;
        }
    }

    public async Task<IReadOnlyList<T>> TakeAsync(int count)
    {
        var items = new List<T>(count);
        while (items.Count < count)
        {
            items.Add(await NextAsync());
        }
        return items;
    }

    /// <summary>Items until one matches <paramref name="last"/> (included).</summary>
    public async Task<IReadOnlyList<T>> UntilAsync(Func<T, bool> last)
    {
        var items = new List<T>();
        do
        {
            items.Add(await NextAsync());
        }
        while (!last(items[^1]));
        return items;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pump;
        _stop.Dispose();
    }

    private async Task PumpAsync(Func<CancellationToken, IAsyncEnumerable<T>> open)
    {
        try
        {
            await foreach (var item in open(_stop.Token))
            {
                _items.Writer.TryWrite(item);
            }
            _items.Writer.TryComplete();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            _items.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            _items.Writer.TryComplete(ex); // the test sees it on its next read
        }
    }
}
