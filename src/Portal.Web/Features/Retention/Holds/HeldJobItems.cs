using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;

namespace Portal.Web.Features.Retention.Holds;

/// <summary>The calls under legal hold that a deletion job leaves out, in words for the job's selection.</summary>
public sealed record HeldLeftOut(long Calls, string Words);

/// <summary>
/// How legal holds reach deletion jobs: a new job's held calls are taken out of its items in the creation's transaction
/// (<see cref="LeaveOutAsync"/>), and a call held after the job was created is skipped by the runner before each batch
/// (<see cref="SkipAsync"/>): its item is done, not deleted.
/// </summary>
public static class HeldJobItems
{
    /// <summary>
    /// Inside the creation's transaction, after the job's items are written: removes the items of held calls. Returns how
    /// many and which holds, or null when no item is held.
    /// </summary>
    public static async Task<HeldLeftOut?> LeaveOutAsync(PortalDbContext db, long jobId, CancellationToken cancellationToken)
    {
        var holds = await ActiveHolds.ReadAsync(db, cancellationToken);
        if (holds.Holds.Count == 0)
        {
            return null;
        }
        var exclusions = await holds.ExclusionsAsync(db, db.DeletionJobItems.Where(i => i.JobId == jobId).Select(i => i.CallId), cancellationToken);
        if (exclusions.Count == 0)
        {
            return null;
        }
        var held = holds.CallIds(db);
        var removed = await db.DeletionJobItems.Where(i => i.JobId == jobId && held.Contains(i.CallId)).ExecuteDeleteAsync(cancellationToken);
        return new HeldLeftOut(removed, string.Create(CultureInfo.InvariantCulture,
            $"{removed} call{(removed == 1 ? "" : "s")} under legal hold left out ({string.Join("; ", exclusions.Select(e => e.Words))})"));
    }

    /// <summary>
    /// Marks the job's open items whose calls are now held as done and not deleted, and counts them as processed, in one
    /// transaction. Returns how many it skipped.
    /// </summary>
    public static async Task<int> SkipAsync(IDbContextFactory<PortalDbContext> contexts, long jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var holds = await ActiveHolds.ReadAsync(db, cancellationToken);
        if (holds.Holds.Count == 0)
        {
            return 0;
        }
        var held = holds.CallIds(db);
        var skipped = await db.DeletionJobItems.Where(i => i.JobId == jobId && !i.Done && held.Contains(i.CallId))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Done, true).SetProperty(i => i.Deleted, false), cancellationToken);
        if (skipped > 0)
        {
            await db.DeletionJobs.Where(j => j.Id == jobId)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.ProcessedCount, j => j.ProcessedCount + skipped), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return skipped;
    }
}
