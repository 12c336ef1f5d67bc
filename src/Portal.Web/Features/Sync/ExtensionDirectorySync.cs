using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Capabilities;
using Portal.Web.Data;
using Portal.Web.Data.Entities;

namespace Portal.Web.Features.Sync;

/// <summary>Copies a vendor's extension directory (NFON CTI) into the extensions table.</summary>
public sealed class ExtensionDirectorySync(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    public async Task SyncAsync(int connectionId, IExtensionDirectory directory, CancellationToken cancellationToken)
    {
        var listed = (await directory.ListExtensionsAsync(cancellationToken))
            .Where(e => !string.IsNullOrWhiteSpace(e.Number))
            .GroupBy(e => e.Number.Trim()).ToDictionary(g => g.Key, g => g.First());
        var now = clock.GetUtcNow().UtcDateTime;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var known = await db.Extensions.Where(e => listed.Keys.Contains(e.Number) || e.SourceConnectionId == connectionId)
            .ToDictionaryAsync(e => e.Number, cancellationToken);
        foreach (var (number, entry) in listed)
        {
            if (!known.TryGetValue(number, out var extension))
            {
                extension = new Extension { Number = number };
                db.Extensions.Add(extension);
            }
            extension.Name = string.IsNullOrWhiteSpace(entry.Name) ? extension.Name : entry.Name;
            extension.SourceConnectionId = connectionId;
            extension.IsActive = true;
            extension.UpdatedAtUtc = now;
        }
        // Gone from this connection's directory: kept (calls refer to it), marked inactive.
        foreach (var gone in known.Values.Where(e => e.SourceConnectionId == connectionId && !listed.ContainsKey(e.Number) && e.IsActive))
        {
            gone.IsActive = false;
            gone.UpdatedAtUtc = now;
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
