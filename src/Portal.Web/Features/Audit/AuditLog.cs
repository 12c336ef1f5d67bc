using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;

namespace Portal.Web.Features.Audit;

/// <summary>The append-only audit log: protected actions write to it; only administrators read it.</summary>
public sealed class AuditLog(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    public async Task WriteAsync(PortalUser user, string action, string? target = null, string? filter = null, long? rowCount = null,
        string? details = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
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
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Newest first; <paramref name="search"/> is found literally (LIKE wildcards escaped). Refuses anyone but an administrator.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, int Total)> ReadAsync(PortalUser reader, int skip, int take, string? search,
        CancellationToken cancellationToken = default)
    {
        if (!reader.IsAdmin)
        {
            throw new UnauthorizedAccessException("Only administrators may read the audit log.");
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

public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuditLog>();
        return services;
    }
}
