using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Web.Audit;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention.Holds;

namespace Portal.Web.Features.Retention;

/// <summary>What a new deletion job deletes, and why.</summary>
/// <param name="Selection">What was selected, in words (a filter, "3 phone numbers", a connection and a date): never deleted content.</param>
/// <param name="RequestedBy">Who asked, in words (e.g. "data subject, ticket 4711"); null: the administrator, who also confirms.</param>
public sealed record DeletionJobRequest(DeletionJobKind Kind, CallDeletionScope Scope, IReadOnlyCollection<long> CallIds, string Reason,
    string? Selection = null, string? RequestedBy = null);

/// <summary>A change the rules refuse (an overlapping job, a state that does not allow it, no reason given).</summary>
public sealed class DeletionJobRefusedException(string message) : Exception(message);

/// <summary>
/// Deletion jobs for administrators: create one from a set of call ids (frozen as its items), pause, resume and cancel it;
/// the <see cref="DeletionJobRunner"/> runs it. Every method checks the user on the server. Each change writes its audit
/// entry (job id, kind, counts, reason; never deleted content) in the change's transaction; a refusal goes to the security
/// log, and a refused change also to the audit log, marked refused. The administrator who creates a job confirms it.
/// </summary>
public sealed partial class DeletionJobs(
    IDbContextFactory<PortalDbContext> contexts,
    DeletionJobSignal signal,
    AuditLog audit,
    SecurityLog security,
    ErasureLedger ledger,
    VendorDeletes vendorDeletes,
    TimeProvider clock)
{
    public const string CreateAction = "retention.job.create";
    public const string PauseAction = "retention.job.pause";
    public const string ResumeAction = "retention.job.resume";
    public const string CancelAction = "retention.job.cancel";
    public const string ReadAction = "retention.job.read";
    /// <summary>The audit action of a connection's removal: when its job is made, and when the connection goes.</summary>
    public const string RemoveConnectionAction = "connection.remove";

    /// <summary>The states in which a job holds its calls: no other job may take them.</summary>
    internal static readonly DeletionJobState[] Holding = [DeletionJobState.Pending, DeletionJobState.Running, DeletionJobState.Paused, DeletionJobState.Failed];

    private const int ItemsPerInsert = 500;
    /// <summary>PostgreSQL: job creations take this advisory lock, so two of them cannot both miss each other's items.</summary>
    private const long CreationLockKey = 7413;

    /// <summary>
    /// Creates a pending job for these calls (duplicates count once) and wakes the runner; refused when a job that is not
    /// finished or cancelled still holds any of them. Returns the job's id.
    /// </summary>
    public Task<long> CreateAsync(PortalUser user, DeletionJobRequest request, CancellationToken cancellationToken = default) =>
        RunAsync(user, CreateAction, null, change: true, () => CreateJobAsync(user, request.Kind, request.Scope, request.Reason, request.Selection,
            request.RequestedBy, (_, _) => Task.FromResult(request.CallIds.Distinct().Order().ToArray()), null, cancellationToken));

    /// <summary>
    /// Creates the job of an erasure request: every call its numbers reach (<see cref="ErasureTarget"/>), chosen inside the
    /// creation's transaction, and in the same transaction the request's numbers in the erasure ledger, so that calls of
    /// those numbers from before the request never come back, through any connection. Refused while any entry is no number.
    /// On PostgreSQL the connections' write locks are taken before the calls are chosen, so a sync page being written now
    /// is either among them or refused by the ledger.
    /// </summary>
    public Task<long> CreateErasureAsync(PortalUser user, ErasureTarget target, string reason, CancellationToken cancellationToken = default) =>
        CreateErasureAsync(user, target, reason, null, cancellationToken);

    /// <summary>As <see cref="CreateErasureAsync(PortalUser, ErasureTarget, string, CancellationToken)"/>, naming who asked (e.g. "data subject, ticket 4711").</summary>
    public Task<long> CreateErasureAsync(PortalUser user, ErasureTarget target, string reason, string? requestedBy,
        CancellationToken cancellationToken = default) =>
        RunAsync(user, CreateAction, null, change: true, () =>
        {
            if (target.Numbers.Unparseable.Count > 0)
            {
                throw new DeletionJobRefusedException($"These entries are no phone number: {string.Join(", ", target.Numbers.Unparseable)}.");
            }
            var requestedAt = clock.GetUtcNow().UtcDateTime;
            var (numbers, toUtc) = target.LedgerEntries(requestedAt);
            var selection = string.Create(CultureInfo.InvariantCulture, $"erasure request: {numbers.Count} phone number(s)")
                + (target.FromUtc is { } from ? string.Create(CultureInfo.InvariantCulture, $", calls from {from:u}") : "")
                + string.Create(CultureInfo.InvariantCulture, $" until {toUtc:u}");
            return CreateJobAsync(user, DeletionJobKind.Erasure, CallDeletionScope.Calls, reason, selection, requestedBy,
                async (db, ct) =>
                {
                    await ConnectionWriteLock.TakeAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction!.GetDbTransaction(),
                        target.Connections.Select(c => c.ConnectionId), ct);
                    return await target.CallIds(db).OrderBy(id => id).ToArrayAsync(ct);
                },
                (db, jobId, ct) => ledger.RecordAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction!.GetDbTransaction(),
                    numbers, target.FromUtc, toUtc, jobId, ct),
                cancellationToken);
        });

    /// <summary>
    /// Creates the job of a scheduled retention purge: the calls <paramref name="selectCalls"/> chooses, read inside the creation's
    /// transaction, less those a job that is not finished still holds (left for the next run instead of refusing the purge).
    /// </summary>
    public Task<long> CreatePolicyPurgeAsync(PortalUser user, CallDeletionScope scope, Func<PortalDbContext, IQueryable<long>> selectCalls,
        string reason, string selection, CancellationToken cancellationToken = default) =>
        RunAsync(user, CreateAction, null, change: true, () => CreateJobAsync(user, DeletionJobKind.PolicyPurge, scope, reason, selection, null,
            (db, ct) =>
            {
                var busy = BusyCallIds(db, scope);
                return selectCalls(db).Where(id => !busy.Contains(id)).OrderBy(id => id).ToArrayAsync(ct);
            }, null, cancellationToken));

    /// <summary>The calls a job that is not finished still holds (not yet done) and a new job of this scope cannot share.</summary>
    public static IQueryable<long> BusyCallIds(PortalDbContext db, CallDeletionScope scope) =>
        db.DeletionJobItems.Where(i => !i.Done && db.DeletionJobs.Any(j => j.Id == i.JobId && Holding.Contains(j.State)
                && (j.Scope == scope || j.Scope == CallDeletionScope.Calls || scope == CallDeletionScope.Calls)))
            .Select(i => i.CallId);

    /// <summary>
    /// Creates the job that removes a connection: every call it has, and in the same transaction the connection paused (its
    /// sync stops before its next write) and the removal audited. When the job completes the runner removes the connection
    /// itself (<see cref="DeletionJobRunner"/>). Refused for a connection managed by configuration, without calls, or already
    /// being removed.
    /// </summary>
    public Task<long> CreateConnectionRemovalAsync(PortalUser user, int connectionId, CancellationToken cancellationToken = default) =>
        RunAsync(user, CreateAction, null, change: true, async () =>
        {
            string name;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                var connection = await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == connectionId, cancellationToken)
                    ?? throw new DeletionJobRefusedException("The connection does not exist.");
                if (connection.ManagedByConfiguration)
                {
                    throw new DeletionJobRefusedException(
                        $"\"{connection.Name}\" is managed by configuration (Portal:Connections): remove it there and restart the portal.");
                }
                if (await UnfinishedRemovals(db).AnyAsync(j => j.ConnectionId == connectionId, cancellationToken))
                {
                    throw new DeletionJobRefusedException($"\"{connection.Name}\" is already being removed.");
                }
                name = connection.Name;
            }
            return await CreateJobAsync(user, DeletionJobKind.ConnectionRemoval, CallDeletionScope.Calls,
                $"remove the connection \"{name}\"", $"all calls of the connection \"{name}\" (connection removed)", null,
                async (db, ct) =>
                {
                    await ConnectionWriteLock.TakeAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction!.GetDbTransaction(), [connectionId], ct);
                    return await db.Calls.Where(c => c.ConnectionId == connectionId).Select(c => c.Id).OrderBy(id => id).ToArrayAsync(ct);
                },
                async (db, jobId, ct) =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    await db.Connections.Where(c => c.Id == connectionId)
                        .ExecuteUpdateAsync(s => s.SetProperty(c => c.IsPaused, true).SetProperty(c => c.UpdatedAtUtc, now), ct);
                    await db.DeletionJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.ConnectionId, connectionId), ct);
                    audit.Add(db, user, RemoveConnectionAction, name,
                        details: string.Create(CultureInfo.InvariantCulture, $"paused; its calls are deleted by deletion job {jobId}, then the connection goes"));
                },
                cancellationToken);
        });

    /// <summary>The connections being removed now, each with its unfinished removal job.</summary>
    public async Task<IReadOnlyDictionary<int, long>> UnfinishedRemovalsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var jobs = await UnfinishedRemovals(db).Select(j => new { ConnectionId = j.ConnectionId!.Value, j.Id }).ToListAsync(cancellationToken);
        return jobs.GroupBy(j => j.ConnectionId).ToDictionary(g => g.Key, g => g.Max(j => j.Id));
    }

    private static IQueryable<DeletionJob> UnfinishedRemovals(PortalDbContext db) =>
        db.DeletionJobs.Where(j => j.Kind == DeletionJobKind.ConnectionRemoval && j.ConnectionId != null && Holding.Contains(j.State));

    private async Task<long> CreateJobAsync(PortalUser user, DeletionJobKind kind, CallDeletionScope scope, string? reasonText, string? selection,
        string? requestedBy, Func<PortalDbContext, CancellationToken, Task<long[]>> selectCalls, Func<PortalDbContext, long, CancellationToken, Task>? alsoRecord,
        CancellationToken cancellationToken)
    {
        var reason = reasonText?.Trim() ?? "";
        if (reason.Length == 0)
        {
            throw new DeletionJobRefusedException("A reason or ticket reference is required.");
        }
        if (reason.Length > 500)
        {
            throw new DeletionJobRefusedException("The reason is longer than 500 characters.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        if (alsoRecord is not null)
        {
            await ledger.PrepareToRecordAsync(connection, cancellationToken); // outside the write transaction (it may write a key)
        }
        // Removing a connection stops the portal reading it: the vendor keeps its records.
        var vendorCanDelete = scope == CallDeletionScope.Calls && kind != DeletionJobKind.ConnectionRemoval
            ? await vendorDeletes.ConnectionsThatCanDeleteAsync(cancellationToken)
            : new HashSet<int>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var dbTransaction = transaction.GetDbTransaction();
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CreationLockKey})", cancellationToken);
        }
        var ids = await selectCalls(db, cancellationToken);
        if (ids.Length == 0)
        {
            throw new DeletionJobRefusedException("No calls are selected.");
        }
        var job = new DeletionJob
        {
            Kind = kind,
            Scope = scope,
            State = DeletionJobState.Pending,
            RequestedByUserId = user.Id,
            RequestedByName = user.Name,
            RequestedBy = Truncate(string.IsNullOrWhiteSpace(requestedBy) ? null : requestedBy.Trim(), 500),
            ConfirmedByUserId = user.Id,
            ConfirmedByName = user.Name,
            Reason = reason,
            Selection = Truncate(selection, 2000),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            SelectedCount = ids.Length,
        };
        db.DeletionJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        await InsertItemsAsync(connection, dbTransaction, job.Id, ids, cancellationToken);
        if (await HeldJobItems.LeaveOutAsync(db, job.Id, cancellationToken) is { } held) // legal holds block every delete
        {
            job.SelectedCount -= held.Calls;
            job.Selection = Truncate(job.Selection is null ? held.Words : job.Selection + "; " + held.Words, 2000);
            if (job.SelectedCount == 0)
            {
                throw new DeletionJobRefusedException($"Every selected call is under legal hold: {held.Words}.");
            }
        }
        await DeletionJobItemFacts.RecordAtCreationAsync(connection, dbTransaction, job.Id, scope, vendorCanDelete, cancellationToken);
        await RefuseOverlapAsync(connection, dbTransaction, job.Id, cancellationToken);
        if (alsoRecord is not null)
        {
            await alsoRecord(db, job.Id, cancellationToken);
        }
        audit.Add(db, user, CreateAction, Target(job), filter: job.Selection, rowCount: job.SelectedCount, details: Describe(job));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Wake();
        return job.Id;
    }

    /// <summary>Stops the job after the batch that runs now; its counts stay, <see cref="ResumeAsync"/> continues it.</summary>
    public Task PauseAsync(PortalUser user, long jobId, CancellationToken cancellationToken = default) =>
        ChangeStateAsync(user, PauseAction, jobId, [DeletionJobState.Pending, DeletionJobState.Running], DeletionJobState.Paused,
            "only a pending or running job can be paused", cancellationToken);

    /// <summary>Continues a paused or failed job where it stopped.</summary>
    public Task ResumeAsync(PortalUser user, long jobId, CancellationToken cancellationToken = default) =>
        ChangeStateAsync(user, ResumeAction, jobId, [DeletionJobState.Paused, DeletionJobState.Failed], DeletionJobState.Pending,
            "only a paused or failed job can be resumed", cancellationToken);

    /// <summary>Ends the job for good after the batch that runs now: what it has not deleted yet stays, and no longer belongs to it.</summary>
    public Task CancelAsync(PortalUser user, long jobId, CancellationToken cancellationToken = default) =>
        ChangeStateAsync(user, CancelAction, jobId, Holding, DeletionJobState.Cancelled, "a completed or cancelled job cannot be cancelled",
            cancellationToken);

    /// <summary>The job, or null when there is none with this id.</summary>
    public Task<DeletionJob?> GetAsync(PortalUser user, long jobId, CancellationToken cancellationToken = default) =>
        RunAsync(user, ReadAction, jobId, change: false, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.DeletionJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        });

    /// <summary>The newest jobs first.</summary>
    public Task<IReadOnlyList<DeletionJob>> ListAsync(PortalUser user, int take = 100, CancellationToken cancellationToken = default) =>
        RunAsync(user, ReadAction, null, change: false, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return (IReadOnlyList<DeletionJob>)await db.DeletionJobs.AsNoTracking().OrderByDescending(j => j.Id).Take(Math.Clamp(take, 1, 1000))
                .ToListAsync(cancellationToken);
        });

    /// <summary>The audit entries' words for a job: kind, scope, counts and reason.</summary>
    internal static string Describe(DeletionJob job) => string.Create(CultureInfo.InvariantCulture,
        $"{job.Kind}, {ScopeWords(job.Scope)}; selected {job.SelectedCount}, done {job.ProcessedCount}, deleted {job.DeletedCount}; at the vendor deleted {job.VendorDeletedCount}, failed {job.VendorFailedCount}; reason: {job.Reason}")
        + (job.RequestedBy is { } askedBy ? "; asked by: " + askedBy : "");

    /// <summary>"calls", "transcripts only", "recording links only".</summary>
    public static string ScopeWords(CallDeletionScope scope) => scope switch
    {
        CallDeletionScope.TranscriptsOnly => "transcripts only",
        CallDeletionScope.RecordingsOnly => "recording links only",
        _ => "calls",
    };

    internal static string Target(long jobId) => string.Create(CultureInfo.InvariantCulture, $"deletion job {jobId}");

    private static string Target(DeletionJob job) => Target(job.Id);

    private async Task ChangeStateAsync(PortalUser user, string action, long jobId, DeletionJobState[] from, DeletionJobState to, string rule,
        CancellationToken cancellationToken) =>
        await RunAsync(user, action, jobId, change: true, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            // Conditional, so that a runner finishing the job at the same moment is not overwritten.
            var changed = to == DeletionJobState.Cancelled
                ? await db.DeletionJobs.Where(j => j.Id == jobId && from.Contains(j.State))
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, to).SetProperty(j => j.FinishedAtUtc, now), cancellationToken)
                : await db.DeletionJobs.Where(j => j.Id == jobId && from.Contains(j.State))
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, to), cancellationToken);
            var job = await db.DeletionJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken)
                ?? throw new DeletionJobRefusedException("The deletion job does not exist.");
            if (changed == 0)
            {
                throw new DeletionJobRefusedException($"The deletion job is {job.State.ToString().ToLowerInvariant()}: {rule}.");
            }
            audit.Add(db, user, action, Target(job), filter: job.Selection, rowCount: job.DeletedCount, details: Describe(job));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (to == DeletionJobState.Pending)
            {
                signal.Wake();
            }
            return true;
        });

    /// <summary>The items, many rows per statement (call ids are numbers, never text from outside).</summary>
    private static async Task InsertItemsAsync(DbConnection connection, DbTransaction transaction, long jobId, long[] ids, CancellationToken ct)
    {
        foreach (var chunk in ids.Chunk(ItemsPerInsert))
        {
            var values = string.Join(", ", chunk.Select(id => string.Create(CultureInfo.InvariantCulture, $"({jobId}, {id}, FALSE, FALSE)")));
            await using var insert = new SqlCommand(connection, transaction,
                $"""INSERT INTO "DeletionJobItems" ("JobId", "CallId", "Done", "Deleted") VALUES {values}""");
            await insert.ExecuteAsync(ct);
        }
    }

    /// <summary>
    /// Refuses the new job when a job that still holds its calls has any of them not yet done. A transcripts-only and a
    /// recordings-only job do not conflict: they take different rows and keep the calls.
    /// </summary>
    private static async Task RefuseOverlapAsync(DbConnection connection, DbTransaction transaction, long jobId, CancellationToken ct)
    {
        var holding = string.Join(", ", Holding.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)));
        await using var query = new SqlCommand(connection, transaction, $"""
            SELECT o."JobId", COUNT(*) FROM "DeletionJobItems" n
            JOIN "DeletionJobItems" o ON o."CallId" = n."CallId" AND o."JobId" <> n."JobId" AND NOT o."Done"
            JOIN "DeletionJobs" j ON j."Id" = o."JobId" AND j."State" IN ({holding})
            JOIN "DeletionJobs" nj ON nj."Id" = n."JobId" AND (nj."Scope" = j."Scope" OR nj."Scope" = {(int)CallDeletionScope.Calls} OR j."Scope" = {(int)CallDeletionScope.Calls})
            WHERE n."JobId" = @JobId
            GROUP BY o."JobId" ORDER BY o."JobId"
            """);
        var overlaps = new List<string>();
        await using (var reader = await query.Set("JobId", jobId).ReadAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                overlaps.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetInt64(1)} in deletion job {reader.GetInt64(0)}"));
            }
        }
        if (overlaps.Count > 0)
        {
            throw new DeletionJobRefusedException(
                $"Some of these calls already belong to a job that is not finished ({string.Join(", ", overlaps)}): wait for it, or cancel it first.");
        }
    }

    /// <summary>Runs one action for an administrator (<see cref="AdminOnly"/>): refusals logged, refused changes audited.</summary>
    private Task<T> RunAsync<T>(PortalUser user, string action, long? jobId, bool change, Func<Task<T>> body) =>
        AdminOnly.RunAsync(audit, security, user, action, jobId is { } id ? Target(id) : "new deletion job", change, "deletion jobs", body);

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
