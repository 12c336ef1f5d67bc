using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Web.Audit;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention.Holds;

namespace Portal.Web.Features.Retention;

/// <summary>One committed batch of a job, as the runner reports it (for a progress display).</summary>
public sealed record DeletionJobProgress(long JobId, int BatchDeleted, long ProcessedCount, long DeletedCount, long SelectedCount, TimeSpan TransactionTime);

/// <summary>
/// Runs deletion jobs, one at a time in this instance: a job left running by a stopped or killed process first, then the
/// pending ones, oldest first; a job another portal instance runs now is left to it (<see cref="DeletionJobClaim"/>). A job deletes its items not yet done through the <see cref="CallDeletionEngine"/>, in batches;
/// each batch marks its items done and adds to the job's counts inside its own transaction, so a job resumes exactly and
/// counts nothing twice. After each committed batch it deletes the vendor's copies of that batch's calls where the vendor
/// allows it (<see cref="VendorDeletes"/>; a run first sends those a stopped run left pending). Between batches it honours
/// pause and cancel. A finished job is recorded Completed (after a large
/// one the freed space is given back and its size stored) or Failed with the error, each with an audit entry.
/// </summary>
public sealed class DeletionJobRunner(
    IDbContextFactory<PortalDbContext> contexts,
    CallDeletionEngine engine,
    VendorDeletes vendorDeletes,
    DeletionJobSignal signal,
    AuditLog audit,
    IOptions<RetentionOptions> options,
    TimeProvider clock,
    ILogger<DeletionJobRunner> logger) : BackgroundService
{
    public const string FinishedAction = "retention.job.finished";
    public const string FailedAction = "retention.job.failed";

    /// <summary>Who the runner's audit entries name: the job itself; the requester is in the created entry.</summary>
    public static readonly PortalUser RunnerUser = new("portal:deletion-jobs", "Deletion job runner", [], []);

    /// <summary>After each committed batch (on the runner's thread, before the batch's vendor deletes and the check for pause and cancel).</summary>
    public event Action<DeletionJobProgress>? BatchCommitted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPendingAsync(stoppingToken);
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // a running job stays Running and continues at the next start
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The deletion job runner could not read or update its jobs; it tries again in {Interval}", options.Value.PollInterval);
                try
                {
                    await Task.Delay(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Runs every job that is running or pending, one after another, until none is left (or one is stopped by
    /// <paramref name="cancellationToken"/>). The hosted service's loop; tests call it on a host that is not started.
    /// </summary>
    internal async Task RunPendingAsync(CancellationToken cancellationToken)
    {
        var runElsewhere = new List<long>();
        while (await NextAsync(runElsewhere, cancellationToken) is { } jobId)
        {
            await using var claim = await DeletionJobClaim.TryTakeAsync(contexts, jobId, cancellationToken);
            if (claim is null)
            {
                runElsewhere.Add(jobId); // another portal instance runs it now
                continue;
            }
            await RunAsync(jobId, cancellationToken);
        }
    }

    private async Task<long?> NextAsync(IReadOnlyCollection<long> runElsewhere, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.DeletionJobs.Where(j => (j.State == DeletionJobState.Running || j.State == DeletionJobState.Pending) && !runElsewhere.Contains(j.Id))
            .OrderByDescending(j => j.State == DeletionJobState.Running).ThenBy(j => j.Id).Select(j => (long?)j.Id).FirstOrDefaultAsync(ct);
    }

    private async Task RunAsync(long jobId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        DeletionJob job;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var claimed = await db.DeletionJobs.Where(j => j.Id == jobId && (j.State == DeletionJobState.Pending || j.State == DeletionJobState.Running))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, DeletionJobState.Running).SetProperty(j => j.StartedAtUtc, j => j.StartedAtUtc ?? now)
                    .SetProperty(j => j.LastError, (string?)null), ct);
            if (claimed == 0)
            {
                return; // paused or cancelled in the meantime
            }
            job = await db.DeletionJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, ct);
        }
        logger.LogInformation("Deletion job {JobId} runs: {Processed} of {Selected} calls done", jobId, job.ProcessedCount, job.SelectedCount);
        var vendorRun = new VendorDeleteRun();
        await SkipHeldAsync(jobId, ct);
        try
        {
            await vendorDeletes.RunAsync(jobId, vendorRun, RunnerUser, ct); // what a stopped run left pending
            await engine.DeleteAsync(db => db.DeletionJobItems.Where(i => i.JobId == jobId && !i.Done).Select(i => i.CallId), job.Scope,
                (batch, token) => AfterBatchAsync(jobId, batch, vendorRun, token), ct, options.Value.BatchSize,
                (connection, transaction, batchIds, deletedIds, token) => RecordBatchAsync(connection, transaction, jobId, batchIds, deletedIds, token),
                (connection, transaction, batchIds, _, token) => DeletionJobItemFacts.CaptureBeforeDeleteAsync(connection, transaction, jobId, batchIds, token));
        }
        catch (JobStoppedException)
        {
            return; // paused or cancelled between two batches
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw; // the process stops: the job stays Running and continues where its last batch committed
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Deletion job {JobId} failed", jobId);
            await FinishAsync(jobId, DeletionJobState.Failed, null, ex.Message, ct);
            return;
        }
        await CompleteAsync(jobId, ct);
    }

    /// <summary>Inside the batch's transaction: its items done (and which of them it deleted), the job's counts raised by exactly that.</summary>
    private static async Task RecordBatchAsync(DbConnection connection, DbTransaction transaction, long jobId, IReadOnlyList<long> batchIds,
        IReadOnlyList<long> deletedIds, CancellationToken ct)
    {
        if (batchIds.Count == 0)
        {
            return;
        }
        var deleted = deletedIds.Count == 0 ? "FALSE" : $"""("CallId" IN ({CallStoreSql.IdList(deletedIds)}))""";
        int done;
        await using (var items = new SqlCommand(connection, transaction, $"""
            UPDATE "DeletionJobItems" SET "Done" = TRUE, "Deleted" = {deleted}
            WHERE "JobId" = @JobId AND NOT "Done" AND "CallId" IN ({CallStoreSql.IdList(batchIds)})
            """))
        {
            done = await items.Set("JobId", jobId).ExecuteAsync(ct);
        }
        await using var counts = new SqlCommand(connection, transaction, """
            UPDATE "DeletionJobs" SET "ProcessedCount" = "ProcessedCount" + @Done, "DeletedCount" = "DeletedCount" + @Deleted WHERE "Id" = @JobId
            """);
        await counts.Set("JobId", jobId).Set("Done", (long)done).Set("Deleted", (long)deletedIds.Count).ExecuteAsync(ct);
        await DeletionJobItemFacts.MarkVendorPendingAsync(connection, transaction, jobId, deletedIds, ct);
    }

    /// <summary>A call held after the job was created is not deleted: its item is done, not deleted (before each batch).</summary>
    private async Task SkipHeldAsync(long jobId, CancellationToken ct)
    {
        if (await HeldJobItems.SkipAsync(contexts, jobId, ct) is > 0 and var skipped)
        {
            logger.LogInformation("Deletion job {JobId} skips {Calls} calls under legal hold", jobId, skipped);
        }
    }

    private async Task AfterBatchAsync(long jobId, CallDeletionBatch batch, VendorDeleteRun vendorRun, CancellationToken ct)
    {
        DeletionJob job;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            job = await db.DeletionJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, ct);
        }
        try
        {
            BatchCommitted?.Invoke(new DeletionJobProgress(jobId, batch.DeletedIds.Count, job.ProcessedCount, job.DeletedCount, job.SelectedCount,
                batch.TransactionTime));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "A progress listener of deletion job {JobId} failed; the job goes on", jobId); // a display's fault is not the job's
        }
        await vendorDeletes.RunAsync(jobId, vendorRun, RunnerUser, ct);
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var state = await db.DeletionJobs.Where(j => j.Id == jobId).Select(j => j.State).SingleAsync(ct);
            if (state != DeletionJobState.Running)
            {
                logger.LogInformation("Deletion job {JobId} stopped between batches: {State}", jobId, state);
                throw new JobStoppedException();
            }
        }
        await SkipHeldAsync(jobId, ct);
    }

    private async Task CompleteAsync(long jobId, CancellationToken ct)
    {
        long deleted;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            deleted = await db.DeletionJobs.Where(j => j.Id == jobId).Select(j => j.DeletedCount).SingleAsync(ct);
        }
        long? bytes = null;
        if (deleted > 0 && deleted >= options.Value.ReclaimSpaceAfterDeletedCalls)
        {
            var space = await engine.ReclaimSpaceAsync(ct);
            bytes = space.Note is null ? space.Bytes : null;
            logger.LogInformation("Deletion job {JobId}: {Bytes} bytes given back ({Note})", jobId, space.Bytes, space.Note ?? "incremental vacuum");
        }
        await FinishAsync(jobId, DeletionJobState.Completed, bytes, null, ct);
    }

    /// <summary>Records the end of a job that is still running (a job paused or cancelled meanwhile keeps that state) with its audit entry.</summary>
    private async Task FinishAsync(long jobId, DeletionJobState state, long? bytesReclaimed, string? error, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        error = error is { Length: > 2000 } ? error[..2000] : error;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.DeletionJobs.Where(j => j.Id == jobId && j.State == DeletionJobState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, state).SetProperty(j => j.FinishedAtUtc, now)
                .SetProperty(j => j.BytesReclaimed, bytesReclaimed).SetProperty(j => j.LastError, error), ct);
        if (changed == 0)
        {
            return;
        }
        var job = await db.DeletionJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, ct);
        if (state == DeletionJobState.Completed && job is { Kind: DeletionJobKind.ConnectionRemoval, ConnectionId: { } connectionId })
        {
            await RemoveConnectionAsync(db, connectionId, ct);
        }
        var details = DeletionJobs.Describe(job)
            + (bytesReclaimed is { } bytes ? string.Create(CultureInfo.InvariantCulture, $"; {bytes} bytes reclaimed") : "")
            + (error is null ? "" : "; error: " + error);
        audit.Add(db, RunnerUser, state == DeletionJobState.Completed ? FinishedAction : FailedAction, DeletionJobs.Target(jobId), filter: job.Selection,
            rowCount: job.DeletedCount, details: details);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// A removal job's end: the connection goes with its cursors, rollups and tombstones when it has no call left. Calls a legal
    /// hold kept, or a sync page that landed while the job was made, keep it (paused), and the audit entry says so.
    /// </summary>
    private async Task RemoveConnectionAsync(PortalDbContext db, int connectionId, CancellationToken ct)
    {
        var name = await db.Connections.Where(c => c.Id == connectionId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return;
        }
        var left = await db.Calls.LongCountAsync(c => c.ConnectionId == connectionId, ct);
        if (left > 0)
        {
            audit.Add(db, RunnerUser, DeletionJobs.RemoveConnectionAction, name, rowCount: left,
                details: string.Create(CultureInfo.InvariantCulture, $"not removed: {left} call(s) are left (a legal hold, or calls synced meanwhile); the connection stays paused"));
            return;
        }
        await db.CallTombstones.Where(t => t.ConnectionId == connectionId).ExecuteDeleteAsync(ct);
        await db.Connections.Where(c => c.Id == connectionId).ExecuteDeleteAsync(ct);
        audit.Add(db, RunnerUser, DeletionJobs.RemoveConnectionAction, name, details: "removed: its calls were deleted by the job");
    }

    /// <summary>The job was paused or cancelled: the runner leaves it between two batches.</summary>
    private sealed class JobStoppedException : Exception;
}
