using System.Threading.Channels;

namespace Portal.Sandbox.Vendors.NfonCti;

/// <summary>
/// Hands every published item to the subscribers of that moment (live streams see only what happens after they
/// connect). Counts subscriptions, so tests can wait until a client has (re)connected. Thread-safe.
/// </summary>
public class NfonCtiBroadcast<T>
{
    private readonly object _gate = new();
    private readonly List<ChannelWriter<T>> _subscribers = [];
    private TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _subscriptions;

    /// <summary>How many subscriptions were ever made (each stream connection makes one).</summary>
    public int Subscriptions
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions;
            }
        }
    }

    public IDisposable Subscribe(ChannelWriter<T> writer) => Subscribe(writer, () => { });

    public void Publish(T item)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.TryWrite(item);
            }
        }
    }

    /// <summary>Completes once <paramref name="count"/> subscriptions have been made in all.</summary>
    public async Task WaitForSubscriptionsAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (_subscriptions >= count)
                {
                    return;
                }
                next = _subscribed.Task;
            }
            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Subscribes and runs <paramref name="whileLocked"/> atomically with it (a snapshot that no change slips past).</summary>
    protected IDisposable Subscribe(ChannelWriter<T> writer, Action whileLocked)
    {
        lock (_gate)
        {
            whileLocked();
            _subscribers.Add(writer);
            _subscriptions++;
            _subscribed.TrySetResult();
            _subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        return new Subscription(this, writer);
    }

    /// <summary>Runs <paramref name="read"/> under the lock that guards subscriptions and publications.</summary>
    protected TResult Locked<TResult>(Func<TResult> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    /// <summary>Runs <paramref name="change"/> and publishes its result under the same lock as subscriptions.</summary>
    protected void PublishAtomically(Func<T?> change)
    {
        lock (_gate)
        {
            var item = change();
            if (item is not null)
            {
                Publish(item);
            }
        }
    }

    private void Unsubscribe(ChannelWriter<T> writer)
    {
        lock (_gate)
        {
            _subscribers.Remove(writer);
        }
    }

    private sealed class Subscription(NfonCtiBroadcast<T> owner, ChannelWriter<T> writer) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(writer);
    }
}

/// <summary>The tenant's call events (<c>GET /extensions/phone/calls</c>) of originated calls.</summary>
public sealed class NfonCtiCallHub : NfonCtiBroadcast<NfonCtiCallEvent>;
