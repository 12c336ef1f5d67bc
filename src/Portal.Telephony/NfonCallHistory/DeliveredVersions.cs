namespace Portal.Telephony.NfonCallHistory;

/// <summary>The newest version (updated ticks) delivered per record; the oldest records are forgotten first.</summary>
internal sealed class DeliveredVersions(int capacity)
{
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>True (and remembered) when <paramref name="version"/> is newer than any delivered for <paramref name="key"/>.</summary>
    public bool Offer(string key, long version)
    {
        if (_versions.TryGetValue(key, out var delivered))
        {
            if (version <= delivered)
            {
                return false;
            }
            _versions[key] = version;
            return true;
        }
        _versions[key] = version;
        _order.Enqueue(key);
        if (_order.Count > capacity)
        {
            _versions.Remove(_order.Dequeue());
        }
        return true;
    }
}
