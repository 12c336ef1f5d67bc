using Microsoft.EntityFrameworkCore;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;

namespace Portal.Web.Audit;

/// <summary>
/// The append-only audit log: protected actions write to it; only administrators read it. A change adds its entry to its
/// own context (<see cref="Add"/>), so the entry and the change are saved in one transaction; standalone entries (exports,
/// tests, reads) and refusals are written on their own.
/// </summary>
public sealed class AuditLog(IDbContextFactory<PortalDbContext> contexts, SecurityLog security, TimeProvider clock, ILogger<AuditLog> logger)
{
    /// <summary>Adds the entry to <paramref name="db"/>: the caller's SaveChanges (or transaction) stores it with the change it records.</summary>
    public void Add(PortalDbContext db, PortalUser user, string action, string? target = null, string? filter = null, long? rowCount = null,
        string? details = null, bool refused = false) =>
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            UserId = user.Id,
            UserName = user.Name,
            Action = action,
            Target = target,
            Filter = filter,
            RowCount = rowCount,
            Details = details,
            Refused = refused,
        });

    /// <summary>A standalone entry (an export, a test, a read): written on its own.</summary>
    public async Task WriteAsync(PortalUser user, string action, string? target = null, string? filter = null, long? rowCount = null,
        string? details = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        Add(db, user, action, target, filter, rowCount, details);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A refused protected action: the security log event, and an entry marked refused with the reason. The refusal stands
    /// even when the entry cannot be written (that failure is logged).
    /// </summary>
    public async Task RefusedAsync(PortalUser user, string action, string? target, string reason)
    {
        security.Refused(user, action, target, reason);
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            Add(db, user, action, target, details: reason, refused: true);
            await db.SaveChangesAsync();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not audit the refused {Action} on {Target} of {User}", action, target, user.Id);
        }
    }

    /// <summary>Newest first; <paramref name="search"/> is found literally (LIKE wildcards escaped). Refuses anyone but an administrator.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, int Total)> ReadAsync(PortalUser reader, int skip, int take, string? search,
        CancellationToken cancellationToken = default)
    {
        if (!reader.IsAdmin)
        {
            const string reason = "Only administrators may read the audit log.";
            security.Refused(reader, "audit.read", "audit log", reason);
            throw new UnauthorizedAccessException(reason);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePattern.Containing(search.Trim());
            query = query.Where(e => EF.Functions.Like(e.Action, pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(e.UserName!, pattern, LikePattern.EscapeCharacter) || EF.Functions.Like(e.Target!, pattern, LikePattern.EscapeCharacter));
        }
        var total = await query.CountAsync(cancellationToken);
        var entries = await query.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Skip(Math.Max(skip, 0)).Take(Math.Clamp(take, 1, 500)).ToListAsync(cancellationToken);
        return (entries, total);
    }
}
