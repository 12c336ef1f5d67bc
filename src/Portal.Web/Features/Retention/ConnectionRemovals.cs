using Portal.Web.Auth;
using Portal.Web.Vendors;

namespace Portal.Web.Features.Retention;

/// <summary>A connection's removal as a deletion job, for the Connections feature (through the core's <see cref="IConnectionRemovals"/>).</summary>
internal sealed class ConnectionRemovals(DeletionJobs jobs) : IConnectionRemovals
{
    public async Task<long> StartAsync(PortalUser user, int connectionId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await jobs.CreateConnectionRemovalAsync(user, connectionId, cancellationToken);
        }
        catch (DeletionJobRefusedException ex)
        {
            throw new ConnectionRemovalRefusedException(ex.Message);
        }
    }

    public Task<IReadOnlyDictionary<int, long>> UnfinishedAsync(CancellationToken cancellationToken = default) =>
        jobs.UnfinishedRemovalsAsync(cancellationToken);
}
