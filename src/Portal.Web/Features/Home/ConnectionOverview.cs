using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Calls;
using Portal.Web.Data;
using Portal.Web.Data.Entities;

namespace Portal.Web.Features.Home;

/// <summary>What the portal is connected to, for the home page.</summary>
public sealed class ConnectionOverview(IDbContextFactory<PortalDbContext> contexts)
{
    public sealed record Row(int Id, string Name, VendorKind Vendor, ConnectionState State, bool IsPaused, DateTime? LastSuccessAtUtc, string? LastError);

    public async Task<IReadOnlyList<Row>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Connections.AsNoTracking()
            .OrderBy(c => c.Name)
            .Select(c => new Row(c.Id, c.Name, c.Vendor, c.State, c.IsPaused, c.LastSuccessAtUtc, c.LastError))
            .ToListAsync(cancellationToken);
    }
}
