using Portal.Web.Auth;

namespace Portal.Web.Vendors;

/// <summary>
/// Removing a connection that has stored calls: its calls leave through a deletion job (in batches, resumable, audited,
/// legal holds respected) and the connection itself goes when that job completes. Features/Retention implements it,
/// Features/Connections starts it; neither knows the other.
/// </summary>
public interface IConnectionRemovals
{
    /// <summary>
    /// Pauses the connection and creates the job that deletes its calls, in one transaction; returns the job's id. Throws
    /// <see cref="ConnectionRemovalRefusedException"/> when the job cannot be made (e.g. some calls belong to another
    /// unfinished job), and <see cref="UnauthorizedAccessException"/> for a user who is not an administrator.
    /// </summary>
    Task<long> StartAsync(PortalUser user, int connectionId, CancellationToken cancellationToken = default);

    /// <summary>The connections being removed now, each with its unfinished removal job.</summary>
    Task<IReadOnlyDictionary<int, long>> UnfinishedAsync(CancellationToken cancellationToken = default);
}

/// <summary>The removal's deletion job was refused; the message says why and what to do.</summary>
public sealed class ConnectionRemovalRefusedException(string message) : Exception(message);

/// <summary>Where an administrator follows a deletion job.</summary>
public static class DeletionJobLinks
{
    public static string Job(long jobId) => $"/retention/jobs/{jobId}";
}
