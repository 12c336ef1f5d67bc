using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;

namespace Portal.Web.Features.Retention.Holds;

/// <summary>A hold to place: on a connection (its id), a team (its id) or a phone number (any format, read like an erasure request's).</summary>
public sealed record LegalHoldRequest(LegalHoldKind Kind, int? ConnectionId, int? TeamId, string? Number, string Reason);

/// <summary>A connection or team a hold can be placed on (the panel's choices).</summary>
public sealed record HoldTarget(int Id, string Name);

/// <summary>
/// Legal holds for administrators: list, place and release them. A hold not released keeps every call it covers out of every
/// delete (<see cref="ActiveHolds"/>: deletion jobs leave held calls out when created and skip calls held later). Every
/// method checks the user on the server; a change writes its audit entry in its own transaction, a refusal goes to the
/// security log (and, for a change, to the audit log marked refused).
/// </summary>
public sealed class LegalHolds(IDbContextFactory<PortalDbContext> contexts, AuditLog audit, SecurityLog security, TimeProvider clock)
{
    public const string PlaceAction = "retention.hold.place";
    public const string ReleaseAction = "retention.hold.release";
    public const string ReadAction = "retention.hold.read";

    /// <summary>Every hold, those in force first, newest first.</summary>
    public Task<IReadOnlyList<LegalHold>> ListAsync(PortalUser user, CancellationToken cancellationToken = default) =>
        Run(user, ReadAction, "legal holds", change: false, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return (IReadOnlyList<LegalHold>)await db.LegalHolds.AsNoTracking().OrderBy(h => h.ReleasedAtUtc != null).ThenByDescending(h => h.Id)
                .ToListAsync(cancellationToken);
        });

    /// <summary>The connections and teams a hold can be placed on, by name.</summary>
    public Task<(IReadOnlyList<HoldTarget> Connections, IReadOnlyList<HoldTarget> Teams)> TargetsAsync(PortalUser user,
        CancellationToken cancellationToken = default) =>
        Run(user, ReadAction, "legal hold targets", change: false, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var connections = await db.Connections.AsNoTracking().OrderBy(c => c.Name).Select(c => new HoldTarget(c.Id, c.Name)).ToListAsync(cancellationToken);
            var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new HoldTarget(t.Id, t.Name)).ToListAsync(cancellationToken);
            return ((IReadOnlyList<HoldTarget>)connections, (IReadOnlyList<HoldTarget>)teams);
        });

    /// <summary>Places a hold; refused without a reason, for an unknown connection or team, or a number that is none. Returns its id.</summary>
    public Task<long> PlaceAsync(PortalUser user, LegalHoldRequest request, CancellationToken cancellationToken = default) =>
        Run(user, PlaceAction, "new legal hold", change: true, async () =>
        {
            var reason = request.Reason?.Trim() ?? "";
            if (reason.Length == 0)
            {
                throw new RetentionRefusedException("A reason or case reference is required.");
            }
            if (reason.Length > 500)
            {
                throw new RetentionRefusedException("The reason is longer than 500 characters.");
            }
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var hold = new LegalHold
            {
                Kind = request.Kind,
                TargetName = "",
                Reason = reason,
                PlacedByUserId = user.Id,
                PlacedByName = user.Name,
                PlacedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            switch (request.Kind)
            {
                case LegalHoldKind.Connection:
                    hold.ConnectionId = request.ConnectionId;
                    hold.TargetName = await db.Connections.Where(c => c.Id == request.ConnectionId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken)
                        ?? throw new RetentionRefusedException("Choose a connection that exists.");
                    break;
                case LegalHoldKind.Team:
                    hold.TeamId = request.TeamId;
                    hold.TargetName = await db.Teams.Where(t => t.Id == request.TeamId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken)
                        ?? throw new RetentionRefusedException("Choose a team that exists.");
                    break;
                case LegalHoldKind.Number:
                    hold.Number = hold.TargetName = await E164Async(db, request.Number, cancellationToken);
                    break;
                default:
                    throw new RetentionRefusedException("Choose what to hold: a connection, a team or a phone number.");
            }
            db.LegalHolds.Add(hold);
            await db.SaveChangesAsync(cancellationToken);
            audit.Add(db, user, PlaceAction, Target(hold.Id), filter: Describe(hold), details: "reason: " + reason);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return hold.Id;
        });

    /// <summary>Releases a hold in force: from then on it blocks nothing (the row stays, with who released it and when).</summary>
    public Task ReleaseAsync(PortalUser user, long holdId, CancellationToken cancellationToken = default) =>
        Run(user, ReleaseAction, Target(holdId), change: true, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var released = await db.LegalHolds.Where(h => h.Id == holdId && h.ReleasedAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.ReleasedAtUtc, now).SetProperty(h => h.ReleasedByUserId, user.Id)
                    .SetProperty(h => h.ReleasedByName, user.Name), cancellationToken);
            var hold = await db.LegalHolds.AsNoTracking().FirstOrDefaultAsync(h => h.Id == holdId, cancellationToken)
                ?? throw new RetentionRefusedException("The legal hold does not exist.");
            if (released == 0)
            {
                throw new RetentionRefusedException("The legal hold is already released.");
            }
            audit.Add(db, user, ReleaseAction, Target(holdId), filter: Describe(hold), details: "reason of the hold: " + hold.Reason);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });

    /// <summary>
    /// For a selection of calls (ids), which active holds exclude how many of them: what a delete's preview shows
    /// ("hold on team Sales (case 4711) excludes 12 calls"). Administrators only.
    /// </summary>
    public Task<IReadOnlyList<HoldExclusion>> ExclusionsAsync(PortalUser user, Func<PortalDbContext, IQueryable<long>> selection,
        CancellationToken cancellationToken = default) =>
        Run(user, ReadAction, "legal hold exclusions", change: false, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var holds = await ActiveHolds.ReadAsync(db, cancellationToken);
            return await holds.ExclusionsAsync(db, selection(db), cancellationToken);
        });

    /// <summary>"connection Cinnox", "team Sales", "number +4930…": what a hold covers, for audit entries and job words.</summary>
    public static string Describe(LegalHold hold) => $"{hold.Kind.ToString().ToLowerInvariant()} {hold.TargetName}";

    private static string Target(long holdId) => string.Create(CultureInfo.InvariantCulture, $"legal hold {holdId}");

    /// <summary>The number in E.164, read in the connections' regions like an erasure request's; refused when it is none or reads as several.</summary>
    private static async Task<string> E164Async(PortalDbContext db, string? text, CancellationToken ct)
    {
        var entry = text?.Trim() ?? "";
        if (entry.Length == 0)
        {
            throw new RetentionRefusedException("Enter the phone number to hold.");
        }
        var regions = await db.Connections.Select(c => c.PhoneRegion).Distinct().ToListAsync(ct);
        regions = regions.Count == 0 ? ["DE"] : regions;
        var numbers = ErasureNumbers.Parse(entry, regions);
        if (numbers.Entries.Count != 1)
        {
            throw new RetentionRefusedException("Enter one phone number per hold.");
        }
        if (numbers.Unparseable.Count > 0)
        {
            throw new RetentionRefusedException($"\"{entry}\" is no phone number.");
        }
        var readings = regions.SelectMany(numbers.InRegion).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return readings.Count == 1
            ? readings[0]
            : throw new RetentionRefusedException(
                $"\"{entry}\" is a different number in the connections' regions ({string.Join(", ", readings)}): enter it with its country code.");
    }

    private Task<T> Run<T>(PortalUser user, string action, string target, bool change, Func<Task<T>> body) =>
        AdminOnly.RunAsync(audit, security, user, action, target, change, "legal holds", body);
}
