using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Calls;
using Portal.Web.Auth;
using Portal.Web.Data.Entities;

namespace Portal.Web.Features.Retention;

/// <summary>What a retry of a job's failed vendor deletes came to.</summary>
/// <param name="Retried">Failed items sent again (with any a stopped run left pending).</param>
public sealed record VendorRetryResult(int Retried, int Deleted, int Failed);

/// <summary>The vendor side of a job's deleted calls, beyond the job's own counts of deleted and failed.</summary>
/// <param name="Pending">Deleted locally, the vendor delete not sent yet (a job that stopped before it).</param>
/// <param name="NotPossible">Deleted locally where the vendor's copy cannot be deleted from the portal (or only transcripts were deleted).</param>
/// <param name="VendorsThatCannotDelete">The job's connections' vendors without a delete, for the advice of what to do there.</param>
public sealed record VendorSideSummary(long Pending, long NotPossible, IReadOnlyList<VendorKind> VendorsThatCannotDelete);

public sealed partial class DeletionJobs
{
    public const string RetryVendorAction = "retention.job.vendor-retry";
    public const string ReadVendorFailuresAction = "retention.job.vendor-failures.read";
    public const string ReadVendorSummaryAction = "retention.job.vendor-summary.read";

    /// <summary>What else happened at the vendors to the calls the job deleted: not yet sent, not possible, and which vendors cannot delete.</summary>
    public Task<VendorSideSummary> VendorSummaryAsync(PortalUser user, long jobId, CancellationToken cancellationToken = default) =>
        RunAsync(user, ReadVendorSummaryAction, jobId, change: false, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var deleted = db.DeletionJobItems.AsNoTracking().Where(i => i.JobId == jobId && i.Deleted);
            var pending = await deleted.LongCountAsync(i => i.VendorState == VendorDeletionState.Pending, cancellationToken);
            var notPossible = await deleted.LongCountAsync(i => i.VendorState == VendorDeletionState.NotApplicable, cancellationToken);
            var vendors = await db.DeletionJobConnections.AsNoTracking().Where(c => c.JobId == jobId && !c.VendorCanDelete)
                .Select(c => c.Vendor).Distinct().ToListAsync(cancellationToken);
            return new VendorSideSummary(pending, notPossible, vendors.Order().ToList());
        });

    /// <summary>
    /// Sends the job's failed vendor deletes again, now, and waits for the vendor: each item ends deleted or failed with the new
    /// reason. Refused while the job is pending or running (its runner sends them), and when nothing failed. Audited: the
    /// items queued again, then the outcome; new failures get their own entries (<see cref="VendorDeletes.FailedAction"/>).
    /// Local state never changes.
    /// </summary>
    public Task<VendorRetryResult> RetryVendorAsync(PortalUser user, long jobId, CancellationToken cancellationToken = default) =>
        RunAsync(user, RetryVendorAction, jobId, change: true, async () =>
        {
            int requeued;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var job = await db.DeletionJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken)
                    ?? throw new DeletionJobRefusedException("The deletion job does not exist.");
                if (job.State is DeletionJobState.Pending or DeletionJobState.Running)
                {
                    throw new DeletionJobRefusedException(
                        $"The deletion job is {job.State.ToString().ToLowerInvariant()}: its runner sends the vendor deletes; retry once it has stopped.");
                }
                requeued = await VendorDeletes.RequeueFailedAsync(db, jobId, cancellationToken);
                var pending = await db.DeletionJobItems.CountAsync(i => i.JobId == jobId && i.VendorState == VendorDeletionState.Pending, cancellationToken);
                if (pending == 0)
                {
                    throw new DeletionJobRefusedException("The deletion job has no failed vendor deletes to retry.");
                }
                audit.Add(db, user, RetryVendorAction, Target(job), filter: job.Selection, rowCount: pending,
                    details: string.Create(CultureInfo.InvariantCulture, $"{pending} vendor delete(s) sent again ({requeued} had failed); reason of the job: {job.Reason}"));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                requeued = pending;
            }
            var outcome = await vendorDeletes.RunAsync(jobId, new VendorDeleteRun(), user, cancellationToken);
            await audit.WriteAsync(user, RetryVendorAction, Target(jobId), rowCount: outcome.Deleted, details: string.Create(CultureInfo.InvariantCulture,
                $"retry of {requeued} vendor delete(s): {outcome.Deleted} deleted at the vendor, {outcome.Failed} failed"), cancellationToken: CancellationToken.None);
            return new VendorRetryResult(requeued, outcome.Deleted, outcome.Failed);
        });

    /// <summary>The job's calls whose vendor copy could not be deleted, with the reasons (the adapter's words), in call id order.</summary>
    public Task<IReadOnlyList<VendorDeleteFailure>> VendorFailuresAsync(PortalUser user, long jobId, CancellationToken cancellationToken = default) =>
        RunAsync(user, ReadVendorFailuresAction, jobId, change: false, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await VendorDeletes.FailuresAsync(db, jobId, cancellationToken);
        });
}
