using Microsoft.EntityFrameworkCore;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Reporting;

namespace Portal.Web.Features.Retention.Holds;

/// <summary>How many calls of a selection one active hold keeps out of a delete.</summary>
public sealed record HoldExclusion(long HoldId, LegalHoldKind Kind, string TargetName, string Reason, long Calls)
{
    /// <summary>"hold on team Sales (case 4711) excludes 12 calls".</summary>
    public string Words => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"hold on {Kind.ToString().ToLowerInvariant()} {TargetName} ({Reason}) excludes {Calls} call{(Calls == 1 ? "" : "s")}");
}

/// <summary>
/// The legal holds in force, read once, as queries over the calls they cover. A connection hold covers the connection's calls;
/// a team hold the calls whose extension is one of the team's extension numbers, read as the call scope reads a team limit
/// (<see cref="CallScope"/>); a number hold the calls of the number as an erasure request finds them (<see cref="ErasureTarget"/>:
/// the external number, the number as the vendor sent it, a diversion leg). Read it inside the transaction of the delete it
/// guards, so a hold placed meanwhile is either seen or placed after the delete.
/// </summary>
public sealed class ActiveHolds
{
    /// <summary>Reads the teams of team holds with an administrator's call scope (no team limit of its own).</summary>
    private static readonly PortalUser HoldReader = new("portal:legal-holds", "Legal holds", [PortalRoles.Admin], []);

    private readonly IReadOnlyList<(LegalHold Hold, Func<PortalDbContext, IQueryable<long>> Calls)> _holds;

    private ActiveHolds(IReadOnlyList<(LegalHold, Func<PortalDbContext, IQueryable<long>>)> holds) => _holds = holds;

    /// <summary>The holds not released, oldest first.</summary>
    public IReadOnlyList<LegalHold> Holds => _holds.Select(h => h.Hold).ToList();

    public static async Task<ActiveHolds> ReadAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var holds = await db.LegalHolds.AsNoTracking().Where(h => h.ReleasedAtUtc == null).OrderBy(h => h.Id).ToListAsync(cancellationToken);
        var read = new List<(LegalHold, Func<PortalDbContext, IQueryable<long>>)>();
        if (holds.Count == 0)
        {
            return new ActiveHolds(read);
        }
        var connections = await db.Connections.AsNoTracking().OrderBy(c => c.Id).Select(c => new ConnectionRegion(c.Id, c.PhoneRegion))
            .ToListAsync(cancellationToken);
        foreach (var hold in holds)
        {
            read.Add((hold, await CoverageAsync(db, hold, connections, cancellationToken)));
        }
        return new ActiveHolds(read);
    }

    /// <summary>The ids of every call some active hold covers.</summary>
    public IQueryable<long> CallIds(PortalDbContext db) =>
        _holds.Count == 0 ? None(db) : _holds.Select(h => h.Calls(db)).Aggregate((all, next) => all.Union(next));

    /// <summary>The calls no active hold covers.</summary>
    public IQueryable<Call> Exclude(PortalDbContext db, IQueryable<Call> calls)
    {
        if (_holds.Count == 0)
        {
            return calls;
        }
        var held = CallIds(db);
        return calls.Where(c => !held.Contains(c.Id));
    }

    /// <summary>The ids of <paramref name="selection"/> that no active hold covers.</summary>
    public IQueryable<long> Exclude(PortalDbContext db, IQueryable<long> selection)
    {
        if (_holds.Count == 0)
        {
            return selection;
        }
        var held = CallIds(db);
        return selection.Where(id => !held.Contains(id));
    }

    /// <summary>For each active hold that covers some of the selected calls: how many (a call two holds cover counts for each).</summary>
    public async Task<IReadOnlyList<HoldExclusion>> ExclusionsAsync(PortalDbContext db, IQueryable<long> selection, CancellationToken cancellationToken)
    {
        var exclusions = new List<HoldExclusion>();
        foreach (var (hold, calls) in _holds)
        {
            var covered = calls(db);
            var count = await selection.Where(id => covered.Contains(id)).LongCountAsync(cancellationToken);
            if (count > 0)
            {
                exclusions.Add(new HoldExclusion(hold.Id, hold.Kind, hold.TargetName, hold.Reason, count));
            }
        }
        return exclusions;
    }

    private static async Task<Func<PortalDbContext, IQueryable<long>>> CoverageAsync(PortalDbContext db, LegalHold hold,
        IReadOnlyList<ConnectionRegion> connections, CancellationToken ct)
    {
        switch (hold.Kind)
        {
            case LegalHoldKind.Connection:
                var connectionId = hold.ConnectionId ?? -1;
                return d => d.Calls.Where(c => c.ConnectionId == connectionId).Select(c => c.Id);
            case LegalHoldKind.Team:
                var teamKey = await db.Teams.AsNoTracking().Where(t => t.Id == hold.TeamId).Select(t => t.Key).FirstOrDefaultAsync(ct);
                if (teamKey is null)
                {
                    return None; // the team was removed: its extensions are no longer known
                }
                var scope = await CallScope.ResolveAsync(db, HoldReader, [], [], [teamKey], [], null, ct);
                return d => scope.Apply(d.Calls).Select(c => c.Id);
            case LegalHoldKind.Number when hold.Number is { } number:
                var target = new ErasureTarget(ErasureNumbers.Parse(number, connections.Select(c => c.Region)), connections, null, null);
                return target.CallIds;
            default:
                return None;
        }
    }

    private static IQueryable<long> None(PortalDbContext db) => db.Calls.Where(_ => false).Select(c => c.Id);
}
