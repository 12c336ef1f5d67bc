using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention.Holds;

namespace Portal.Web.Features.Retention.Policies;

/// <summary>A policy to save: a new one (<see cref="Id"/> null) or a change. Each period in days, 1 to 36500; null keeps that kind forever.</summary>
public sealed record RetentionPolicyDraft(int? Id, int? ConnectionId, int? CallDays, int? TranscriptDays, int? RecordingDays, bool Enabled);

/// <summary>A stored policy with its connection's name ("All connections" for none).</summary>
public sealed record RetentionPolicyView(int Id, int? ConnectionId, string ConnectionName, int? CallDays, int? TranscriptDays, int? RecordingDays,
    bool Enabled, DateTime UpdatedAtUtc, string? UpdatedByName);

/// <summary>What the next scheduled run deletes, counted now with that run's cutoffs, calls under legal hold left out.</summary>
/// <param name="ByPolicy">Per policy id: what is due because of that policy (a connection's own period, or the all-connections one where it applies).</param>
public sealed record RetentionRunPreview(DateTime RunAtUtc, string Schedule, PurgeCounts Total, IReadOnlyDictionary<int, PurgeCounts> ByPolicy);

/// <summary>
/// Retention policies for administrators: list, save (validated), delete, and what the next run deletes. Every method checks
/// the user on the server; a change writes its audit entry in its transaction, a refusal goes to the security log (and, for a
/// change, to the audit log marked refused). The purges themselves are made by <see cref="RetentionPurgeScheduler"/>.
/// </summary>
public sealed class RetentionPolicies(
    IDbContextFactory<PortalDbContext> contexts,
    RetentionSchedule schedule,
    AuditLog audit,
    SecurityLog security,
    TimeProvider clock)
{
    public const string SaveAction = "retention.policy.save";
    public const string DeleteAction = "retention.policy.delete";
    public const string ReadAction = "retention.policy.read";
    public const int MaxDays = 36_500;
    public const string AllConnections = "All connections";

    /// <summary>The all-connections policy first, then the connections' by name.</summary>
    public Task<IReadOnlyList<RetentionPolicyView>> ListAsync(PortalUser user, CancellationToken cancellationToken = default) =>
        Run(user, ReadAction, "retention policies", change: false, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var names = await db.Connections.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
            var policies = await db.RetentionPolicies.AsNoTracking().ToListAsync(cancellationToken);
            return (IReadOnlyList<RetentionPolicyView>)policies
                .Select(p => new RetentionPolicyView(p.Id, p.ConnectionId, Name(p.ConnectionId, names), p.CallDays, p.TranscriptDays, p.RecordingDays,
                    p.Enabled, p.UpdatedAtUtc, p.UpdatedByName))
                .OrderBy(p => p.ConnectionId is not null).ThenBy(p => p.ConnectionName, StringComparer.CurrentCultureIgnoreCase).ToList();
        });

    /// <summary>The connections a policy can be for (id and name).</summary>
    public Task<IReadOnlyList<HoldTarget>> ConnectionsAsync(PortalUser user, CancellationToken cancellationToken = default) =>
        Run(user, ReadAction, "retention policy connections", change: false, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return (IReadOnlyList<HoldTarget>)await db.Connections.AsNoTracking().OrderBy(c => c.Name).Select(c => new HoldTarget(c.Id, c.Name))
                .ToListAsync(cancellationToken);
        });

    /// <summary>
    /// Adds or changes a policy. Refused when a period is outside 1..36500 days, none is set, the connection does not exist, or
    /// its connection (or all connections) already has another policy. Returns the policy's id.
    /// </summary>
    public Task<int> SaveAsync(PortalUser user, RetentionPolicyDraft draft, CancellationToken cancellationToken = default) =>
        Run(user, SaveAction, draft.Id is { } id ? Target(id) : "new retention policy", change: true, async () =>
        {
            Validate(draft);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var connectionName = AllConnections;
            if (draft.ConnectionId is { } connectionId)
            {
                connectionName = await db.Connections.Where(c => c.Id == connectionId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken)
                    ?? throw new RetentionRefusedException("Choose a connection that exists.");
            }
            if (await db.RetentionPolicies.AnyAsync(p => p.ConnectionId == draft.ConnectionId && p.Id != (draft.Id ?? 0), cancellationToken))
            {
                throw new RetentionRefusedException($"{connectionName} already has a retention policy: change that one.");
            }
            var policy = draft.Id is { } existing
                ? await db.RetentionPolicies.FirstOrDefaultAsync(p => p.Id == existing, cancellationToken)
                    ?? throw new RetentionRefusedException("The retention policy does not exist.")
                : db.RetentionPolicies.Add(new RetentionPolicy()).Entity;
            policy.ConnectionId = draft.ConnectionId;
            policy.CallDays = draft.CallDays;
            policy.TranscriptDays = draft.TranscriptDays;
            policy.RecordingDays = draft.RecordingDays;
            policy.Enabled = draft.Enabled;
            policy.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
            policy.UpdatedByName = user.Name;
            await db.SaveChangesAsync(cancellationToken);
            audit.Add(db, user, SaveAction, Target(policy.Id), filter: Describe(policy, connectionName), details: draft.Id is null ? "added" : "changed");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return policy.Id;
        });

    /// <summary>Deletes a policy: its connection falls back to the all-connections policy (or keeps everything).</summary>
    public Task DeleteAsync(PortalUser user, int policyId, CancellationToken cancellationToken = default) =>
        Run(user, DeleteAction, Target(policyId), change: true, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var policy = await db.RetentionPolicies.FirstOrDefaultAsync(p => p.Id == policyId, cancellationToken)
                ?? throw new RetentionRefusedException("The retention policy does not exist.");
            var name = policy.ConnectionId is { } connectionId
                ? await db.Connections.Where(c => c.Id == connectionId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken) ?? "a removed connection"
                : AllConnections;
            db.RetentionPolicies.Remove(policy);
            audit.Add(db, user, DeleteAction, Target(policyId), filter: Describe(policy, name));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });

    /// <summary>When the next scheduled run is and what it deletes, counted now with its cutoffs; held calls are left out.</summary>
    public Task<RetentionRunPreview> NextRunAsync(PortalUser user, CancellationToken cancellationToken = default) =>
        Run(user, ReadAction, "next retention run", change: false, async () =>
        {
            var runAt = schedule.NextRunUtc(clock.GetUtcNow().UtcDateTime);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var plan = await RetentionPlan.ReadAsync(db, runAt, cancellationToken);
            var holds = await ActiveHolds.ReadAsync(db, cancellationToken);
            var policyIds = await db.RetentionPolicies.Where(p => p.Enabled).Select(p => p.Id).ToListAsync(cancellationToken);
            var byPolicy = new Dictionary<int, PurgeCounts>();
            foreach (var policyId in policyIds)
            {
                byPolicy[policyId] = await CountAsync(db, plan, holds, policyId, cancellationToken);
            }
            var total = byPolicy.Values.Aggregate(PurgeCounts.None, (sum, counts) => sum.Plus(counts));
            return new RetentionRunPreview(runAt, schedule.Words, total, byPolicy);
        });

    private static async Task<PurgeCounts> CountAsync(PortalDbContext db, RetentionPlan plan, ActiveHolds holds, int policyId, CancellationToken ct)
    {
        var recordingCalls = holds.Exclude(db, plan.CallIds(db, CallDeletionScope.RecordingsOnly, policyId));
        return new PurgeCounts(
            await holds.Exclude(db, plan.CallIds(db, CallDeletionScope.Calls, policyId)).LongCountAsync(ct),
            await holds.Exclude(db, plan.CallIds(db, CallDeletionScope.TranscriptsOnly, policyId)).LongCountAsync(ct),
            await db.Recordings.LongCountAsync(r => recordingCalls.Contains(r.CallId), ct));
    }

    private static void Validate(RetentionPolicyDraft draft)
    {
        if (draft.CallDays is null && draft.TranscriptDays is null && draft.RecordingDays is null)
        {
            throw new RetentionRefusedException("Set how many days to keep at least one kind of data.");
        }
        foreach (var (days, kind) in new[] { (draft.CallDays, "call records"), (draft.TranscriptDays, "transcripts"), (draft.RecordingDays, "recording links") })
        {
            if (days is < 1 or > MaxDays)
            {
                throw new RetentionRefusedException(string.Create(CultureInfo.InvariantCulture,
                    $"The days to keep {kind} must be between 1 and {MaxDays} (or empty to keep them forever)."));
            }
        }
    }

    /// <summary>"Cinnox: calls 730 days, transcripts 180 days, recording links forever; enabled".</summary>
    private static string Describe(RetentionPolicy policy, string connectionName) => string.Create(CultureInfo.InvariantCulture,
        $"{connectionName}: calls {Days(policy.CallDays)}, transcripts {Days(policy.TranscriptDays)}, recording links {Days(policy.RecordingDays)}; {(policy.Enabled ? "enabled" : "disabled")}");

    private static string Days(int? days) => days is { } d ? string.Create(CultureInfo.InvariantCulture, $"{d} days") : "forever";

    private static string Name(int? connectionId, Dictionary<int, string> names) =>
        connectionId is { } id ? names.GetValueOrDefault(id, "a removed connection") : AllConnections;

    private static string Target(int policyId) => string.Create(CultureInfo.InvariantCulture, $"retention policy {policyId}");

    private Task<T> Run<T>(PortalUser user, string action, string target, bool change, Func<Task<T>> body) =>
        AdminOnly.RunAsync(audit, security, user, action, target, change, "retention policies", body);
}
