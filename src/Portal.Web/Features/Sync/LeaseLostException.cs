namespace Portal.Web.Features.Sync;

/// <summary>
/// This instance no longer holds the connection's lease (taken over, or expired without renewal): nothing of the
/// page was written, and the worker stops instead of retrying, since another instance may sync the connection now.
/// </summary>
public sealed class LeaseLostException(int connectionId)
    : Exception($"This instance no longer holds the lease of connection {connectionId}; nothing of the page was written.")
{
    public int ConnectionId { get; } = connectionId;
}
