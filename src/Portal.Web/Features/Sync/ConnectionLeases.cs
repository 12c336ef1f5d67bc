using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;

namespace Portal.Web.Features.Sync;

/// <summary>One sync worker per connection across all portal instances: a lease row in the database.</summary>
public sealed class ConnectionLeases(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    /// <summary>This instance's name in the lease column.</summary>
    public string Owner { get; } = $"{Guid.NewGuid():N}@{Environment.MachineName}:{Environment.ProcessId}" is var owner && owner.Length > 200 ? owner[..200] : owner;

    /// <summary>Takes or renews the lease when it is free, expired or already ours; false when another instance holds it.</summary>
    public async Task<bool> TryAcquireAsync(int connectionId, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await db.Connections
            .Where(c => c.Id == connectionId && (c.LeaseOwner == null || c.LeaseOwner == Owner || c.LeaseExpiresAtUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseOwner, Owner).SetProperty(c => c.LeaseExpiresAtUtc, now + duration), cancellationToken);
        return updated == 1;
    }

    public async Task ReleaseAsync(int connectionId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.Connections.Where(c => c.Id == connectionId && c.LeaseOwner == Owner)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseOwner, (string?)null).SetProperty(c => c.LeaseExpiresAtUtc, (DateTime?)null));
    }
}
