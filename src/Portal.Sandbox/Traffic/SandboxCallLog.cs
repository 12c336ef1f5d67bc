using System.Runtime.CompilerServices;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Traffic;

/// <summary>A call as one emulator has published it: in publish order, with a sequence number (SSE ids).</summary>
public sealed record PublishedCall(long Sequence, GeneratedCall Call, DateTime PublishedAtUtc);

/// <summary>
/// The calls one emulated vendor holds: published as they end, deletable, watchable (for live streams).
/// This is the sandbox's ground truth for that vendor. Thread-safe.
/// </summary>
public sealed class SandboxCallLog(VendorKind vendor, TrafficGenerator generator)
{
    private readonly object _gate = new();
    private readonly List<PublishedCall> _calls = [];
    private readonly Dictionary<string, PublishedCall> _byId = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deleted = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sequence;

    public VendorKind Vendor => vendor;
    public TrafficGenerator Generator => generator;

    /// <summary>Publishes calls (the ones not already there, and not deleted), in the order given.</summary>
    public void Publish(IEnumerable<GeneratedCall> calls, DateTime nowUtc)
    {
        lock (_gate)
        {
            foreach (var call in calls)
            {
                if (_byId.ContainsKey(call.Id) || _deleted.Contains(call.Id))
                {
                    continue;
                }
                var published = new PublishedCall(_sequence++, call, nowUtc);
                _calls.Add(published);
                _byId[call.Id] = published;
            }
            Signal();
        }
    }

    /// <summary>Publishes a call again (it changed: e.g. a transcript became ready) with a new sequence number.</summary>
    public void Republish(GeneratedCall call, DateTime nowUtc)
    {
        lock (_gate)
        {
            if (!_byId.ContainsKey(call.Id))
            {
                return;
            }
            var published = new PublishedCall(_sequence++, call, nowUtc);
            _calls.Add(published);
            _byId[call.Id] = published;
            Signal();
        }
    }

    /// <summary>The current calls (latest version of each, deleted ones left out), oldest publish first.</summary>
    public IReadOnlyList<PublishedCall> Current()
    {
        lock (_gate)
        {
            return _calls.Where(p => _byId.TryGetValue(p.Call.Id, out var latest) && latest == p).ToList();
        }
    }

    public PublishedCall? Find(string id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    public bool Delete(string id)
    {
        lock (_gate)
        {
            _deleted.Add(id);
            return _byId.Remove(id);
        }
    }

    /// <summary>Every publication after <paramref name="afterSequence"/>, then new ones as they come, until cancelled.</summary>
    public async IAsyncEnumerable<PublishedCall> WatchAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = afterSequence + 1;
        while (!cancellationToken.IsCancellationRequested)
        {
            List<PublishedCall> batch;
            Task changed;
            lock (_gate)
            {
                batch = _calls.Where(p => p.Sequence >= next && _byId.ContainsKey(p.Call.Id)).ToList();
                changed = _changed.Task;
            }
            foreach (var published in batch)
            {
                yield return published;
                next = published.Sequence + 1;
            }
            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Signal()
    {
        _changed.TrySetResult();
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
