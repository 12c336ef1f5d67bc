using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Calls;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;

namespace Portal.Web.Reporting;

/// <summary>
/// The calls a user may see under a filter, as sets of connections and extensions (null = no limit). A team-limited
/// supervisor is limited to the extensions of their teams, whatever the filter says; filters only narrow further.
/// </summary>
public sealed record CallScope(IReadOnlyList<int>? ConnectionIds, IReadOnlyList<string>? Extensions, CallDirection? Direction)
{
    public bool IsEmpty => ConnectionIds is { Count: 0 } || Extensions is { Count: 0 };

    public static async Task<CallScope> ResolveAsync(PortalDbContext db, PortalUser user, IReadOnlyList<int> connectionIds,
        IReadOnlyList<VendorKind> vendors, IReadOnlyList<string> teams, IReadOnlyList<string> extensions, CallDirection? direction,
        CancellationToken cancellationToken)
    {
        if (!user.IsViewer)
        {
            throw new UnauthorizedAccessException("Only supervisors and administrators may read calls.");
        }

        IReadOnlyList<int>? connections = null;
        if (connectionIds.Count > 0 || vendors.Count > 0)
        {
            var query = db.Connections.AsNoTracking();
            if (connectionIds.Count > 0)
            {
                query = query.Where(c => connectionIds.Contains(c.Id));
            }
            if (vendors.Count > 0)
            {
                query = query.Where(c => vendors.Contains(c.Vendor));
            }
            connections = await query.Select(c => c.Id).OrderBy(id => id).ToListAsync(cancellationToken);
        }

        IReadOnlyList<string>? allowed = null;
        if (user.IsTeamLimited)
        {
            allowed = await TeamExtensionsAsync(db, user.Teams, cancellationToken);
        }
        if (teams.Count > 0)
        {
            allowed = Intersect(allowed, await TeamExtensionsAsync(db, teams, cancellationToken));
        }
        if (extensions.Count > 0)
        {
            allowed = Intersect(allowed, extensions);
        }
        return new CallScope(connections, allowed, direction);
    }

    /// <summary>The calls of the scope.</summary>
    public IQueryable<Call> Apply(IQueryable<Call> calls)
    {
        if (ConnectionIds is { } connections)
        {
            calls = calls.Where(c => connections.Contains(c.ConnectionId));
        }
        if (Extensions is { } extensions)
        {
            calls = calls.Where(c => c.Extension != null && extensions.Contains(c.Extension));
        }
        if (Direction is { } direction)
        {
            calls = calls.Where(c => c.Direction == direction);
        }
        return calls;
    }

    /// <summary>The rollup rows of the scope (any grain).</summary>
    public IQueryable<CallRollup> Apply(IQueryable<CallRollup> rollups)
    {
        if (ConnectionIds is { } connections)
        {
            rollups = rollups.Where(r => connections.Contains(r.ConnectionId));
        }
        if (Extensions is { } extensions)
        {
            rollups = rollups.Where(r => extensions.Contains(r.Extension));
        }
        if (Direction is { } direction)
        {
            rollups = rollups.Where(r => r.Direction == direction);
        }
        return rollups;
    }

    /// <summary>Whether a call is in the scope (a direct link to a call outside it is refused).</summary>
    public bool Contains(Call call) =>
        (ConnectionIds is null || ConnectionIds.Contains(call.ConnectionId))
        && (Extensions is null || (call.Extension is { } extension && Extensions.Contains(extension)))
        && (Direction is null || call.Direction == Direction);

    private static async Task<IReadOnlyList<string>> TeamExtensionsAsync(PortalDbContext db, IReadOnlyList<string> teamKeys, CancellationToken ct) =>
        await db.Teams.AsNoTracking().Where(t => teamKeys.Contains(t.Key)).SelectMany(t => t.Extensions).Select(e => e.Number)
            .Distinct().OrderBy(n => n).ToListAsync(ct);

    private static IReadOnlyList<string> Intersect(IReadOnlyList<string>? limit, IReadOnlyList<string> extensions) =>
        limit is null ? extensions.Distinct().ToList() : extensions.Where(limit.Contains).Distinct().ToList();
}
