using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;
using Portal.Web.Audit;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Vendors;

namespace Portal.Web.Features.Retention;

/// <summary>A job's call whose vendor copy could not be deleted, and why (the adapter's words): for the job's page and a retry.</summary>
public sealed record VendorDeleteFailure(long CallId, int? ConnectionId, string ConnectionName, VendorKind? Vendor, string? VendorCallId, string Reason);

/// <summary>What one pass of vendor deletes came to.</summary>
public sealed record VendorDeleteOutcome(int Deleted, int Failed);

/// <summary>
/// What one run of a job (or one retry) learned about its connections: the adapters it built, and the connections whose vendor
/// failed for a reason that is not the records' own (down, rate limited, credentials refused). Their remaining items in the
/// run are marked failed without asking again: a vendor that is down would otherwise hold the job for the full retry budget
/// of every request. A retry tries them all again.
/// </summary>
internal sealed class VendorDeleteRun
{
    public Dictionary<int, ICallRecordDeleter> Deleters { get; } = [];
    public Dictionary<int, string> Down { get; } = [];
}

/// <summary>
/// Deletes the vendor's copies of the calls a deletion job deleted, where the vendor allows it (adapters that are
/// <see cref="ICallRecordDeleter"/>: NFON Call History): the job's items marked <see cref="VendorDeletionState.Pending"/>
/// in the batch transaction that deleted them locally, in bulk requests of explicit ids (never an empty filter) per
/// connection. Each request's result is written right after it (items <see cref="VendorDeletionState.Deleted"/> or
/// <see cref="VendorDeletionState.Failed"/> with the reason, the job's vendor counts raised by exactly the items that
/// changed, in one transaction), so a killed run repeats at most the request it was in. A record the vendor no longer has
/// counts as deleted. Never changes anything local but the items and counts. Failures write an audit entry (counts and the
/// reason, never deleted content) in the transaction that records them.
/// </summary>
public sealed class VendorDeletes(
    IDbContextFactory<PortalDbContext> contexts,
    VendorAdapters adapters,
    ConnectionSecretProtector secrets,
    AuditLog audit,
    ILogger<VendorDeletes> logger)
{
    public const string FailedAction = "retention.job.vendor-failed";

    /// <summary>Ids per bulk DELETE (NFON's adapter sends them as uuid=…&amp;uuid=…, which keeps the URL short).</summary>
    internal const int ChunkSize = 100;
    private const int ItemsPerRead = 1000;
    private const int ReasonLength = 500;

    /// <summary>The connections whose adapter can delete at the vendor (read before a job's creation transaction).</summary>
    public async Task<IReadOnlySet<int>> ConnectionsThatCanDeleteAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connections = await db.Connections.AsNoTracking().ToListAsync(cancellationToken);
        return connections.Where(CanDelete).Select(c => c.Id).ToHashSet();
    }

    /// <summary>A capability of the vendor's adapter: known from an adapter built without credentials when the stored ones cannot be read.</summary>
    private bool CanDelete(Connection connection)
    {
        try
        {
            return adapters.Create(connection.ToVendorSettings(secrets)) is ICallRecordDeleter;
        }
        catch (Exception ex) when (ex is VendorException or InvalidOperationException or UriFormatException)
        {
            try
            {
                return adapters.Create(new VendorConnectionSettings(connection.Vendor, new Uri(connection.BaseUrl), new Dictionary<string, string>(),
                    connection.PhoneRegion, connection.TimeZone)) is ICallRecordDeleter;
            }
            catch (Exception inner) when (inner is VendorException or InvalidOperationException or UriFormatException)
            {
                return false;
            }
        }
    }

    /// <summary>Sends every pending vendor delete of the job; <paramref name="actor"/> is who the failures' audit entries name.</summary>
    internal async Task<VendorDeleteOutcome> RunAsync(long jobId, VendorDeleteRun run, PortalUser actor, CancellationToken ct)
    {
        int deleted = 0, failed = 0;
        for (var after = long.MinValue; ;)
        {
            List<PendingItem> items;
            await using (var db = await contexts.CreateDbContextAsync(ct))
            {
                items = await db.DeletionJobItems.AsNoTracking()
                    .Where(i => i.JobId == jobId && i.VendorState == VendorDeletionState.Pending && i.CallId > after)
                    .OrderBy(i => i.CallId).Take(ItemsPerRead)
                    .Select(i => new PendingItem(i.CallId, i.ConnectionId ?? 0, i.VendorCallId ?? ""))
                    .ToListAsync(ct);
            }
            if (items.Count == 0)
            {
                return new VendorDeleteOutcome(deleted, failed);
            }
            after = items[^1].CallId;
            foreach (var group in items.GroupBy(i => i.ConnectionId))
            {
                var (d, f) = await DeleteAtVendorAsync(jobId, group.Key, group.ToList(), run, actor, ct);
                deleted += d;
                failed += f;
            }
        }
    }

    private async Task<(int Deleted, int Failed)> DeleteAtVendorAsync(long jobId, int connectionId, List<PendingItem> items, VendorDeleteRun run,
        PortalUser actor, CancellationToken ct)
    {
        var name = await ConnectionNameAsync(jobId, connectionId, ct);
        if (run.Down.TryGetValue(connectionId, out var down))
        {
            return (0, await MarkAsync(jobId, items, VendorDeletionState.Failed, "Not sent: " + down, name, actor));
        }
        var deleter = await DeleterAsync(connectionId, run, ct);
        if (deleter.Error is { } error)
        {
            run.Down[connectionId] = error;
            return (0, await MarkAsync(jobId, items, VendorDeletionState.Failed, error, name, actor));
        }
        int deleted = 0, failed = 0;
        for (var start = 0; start < items.Count; start += ChunkSize)
        {
            var chunk = items.GetRange(start, Math.Min(ChunkSize, items.Count - start));
            try
            {
                if (chunk.Count == 1)
                {
                    await deleter.Deleter!.DeleteAsync(chunk[0].VendorCallId, ct); // false: the vendor no longer has it, which is the goal
                }
                else
                {
                    await deleter.Deleter!.DeleteManyAsync(chunk.Select(i => i.VendorCallId).ToList(), ct);
                }
            }
            catch (VendorException ex)
            {
                logger.LogWarning("Deletion job {JobId}: {Count} vendor deletes on connection {ConnectionId} failed: {Error}", jobId, chunk.Count,
                    connectionId, ex.Error.Message);
                failed += await MarkAsync(jobId, chunk, VendorDeletionState.Failed, ex.Error.Message, name, actor);
                if (ex.Error.Kind != VendorErrorKind.Rejected)
                {
                    run.Down[connectionId] = ex.Error.Message; // not these records' fault: the rest of the run does not ask again
                    var rest = items.GetRange(start + chunk.Count, items.Count - start - chunk.Count);
                    failed += await MarkAsync(jobId, rest, VendorDeletionState.Failed, "Not sent: " + ex.Error.Message, name, actor);
                    break;
                }
                continue;
            }
            // Recorded even when the run is being stopped: the vendor has done it, so a resumed run must not send it again.
            deleted += await MarkAsync(jobId, chunk, VendorDeletionState.Deleted, null, name, actor);
        }
        return (deleted, failed);
    }

    private async Task<(ICallRecordDeleter? Deleter, string? Error)> DeleterAsync(int connectionId, VendorDeleteRun run, CancellationToken ct)
    {
        if (run.Deleters.TryGetValue(connectionId, out var known))
        {
            return (known, null);
        }
        Connection? connection;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            connection = await db.Connections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == connectionId, ct);
        }
        if (connection is null)
        {
            return (null, "The connection was removed: its records can no longer be deleted at the vendor from the portal; delete them at the vendor.");
        }
        try
        {
            if (adapters.Create(connection.ToVendorSettings(secrets)) is not ICallRecordDeleter deleter)
            {
                return (null, $"{VendorCatalog.Label(connection.Vendor)} cannot delete records: delete them at the vendor.");
            }
            run.Deleters[connectionId] = deleter;
            return (deleter, null);
        }
        catch (VendorException ex)
        {
            return (null, ex.Error.Message);
        }
        catch (InvalidOperationException ex)
        {
            return (null, ex.Message); // the stored credentials cannot be decrypted: the message says what to do
        }
    }

    /// <summary>
    /// Moves the items that are still pending to <paramref name="to"/> and raises the job's count by exactly those, in one
    /// transaction with the audit entry of a failure. Not cancelled: a result the vendor has given is always recorded.
    /// </summary>
    private async Task<int> MarkAsync(long jobId, List<PendingItem> items, VendorDeletionState to, string? reason, string connectionName, PortalUser actor)
    {
        if (items.Count == 0)
        {
            return 0;
        }
        reason = reason is { Length: > ReasonLength } ? reason[..ReasonLength] : reason;
        var ids = items.Select(i => i.CallId).ToList();
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var changed = await db.DeletionJobItems.Where(i => i.JobId == jobId && ids.Contains(i.CallId) && i.VendorState == VendorDeletionState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.VendorState, to).SetProperty(i => i.VendorError, reason), CancellationToken.None);
        if (changed > 0)
        {
            var jobs = db.DeletionJobs.Where(j => j.Id == jobId);
            if (to == VendorDeletionState.Deleted)
            {
                await jobs.ExecuteUpdateAsync(s => s.SetProperty(j => j.VendorDeletedCount, j => j.VendorDeletedCount + changed), CancellationToken.None);
            }
            else
            {
                await jobs.ExecuteUpdateAsync(s => s.SetProperty(j => j.VendorFailedCount, j => j.VendorFailedCount + changed), CancellationToken.None);
                audit.Add(db, actor, FailedAction, DeletionJobs.Target(jobId), rowCount: changed, details: string.Create(CultureInfo.InvariantCulture,
                    $"{changed} vendor delete(s) failed on connection {connectionName}: {reason}"));
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        await transaction.CommitAsync(CancellationToken.None);
        return changed;
    }

    /// <summary>Moves a job's failed vendor deletes back to pending (for a retry) in the caller's context; returns how many.</summary>
    internal static async Task<int> RequeueFailedAsync(PortalDbContext db, long jobId, CancellationToken ct)
    {
        var requeued = await db.DeletionJobItems.Where(i => i.JobId == jobId && i.VendorState == VendorDeletionState.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.VendorState, VendorDeletionState.Pending).SetProperty(i => i.VendorError, (string?)null), ct);
        if (requeued > 0)
        {
            await db.DeletionJobs.Where(j => j.Id == jobId)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.VendorFailedCount, j => j.VendorFailedCount - requeued), ct);
        }
        return requeued;
    }

    /// <summary>The job's failed vendor deletes with their reasons, in call id order.</summary>
    internal static async Task<IReadOnlyList<VendorDeleteFailure>> FailuresAsync(PortalDbContext db, long jobId, CancellationToken ct)
    {
        var names = await db.DeletionJobConnections.AsNoTracking().Where(c => c.JobId == jobId).ToDictionaryAsync(c => c.ConnectionId, ct);
        var failed = await db.DeletionJobItems.AsNoTracking().Where(i => i.JobId == jobId && i.VendorState == VendorDeletionState.Failed)
            .OrderBy(i => i.CallId).ToListAsync(ct);
        return failed.Select(i =>
        {
            var connection = i.ConnectionId is { } id ? names.GetValueOrDefault(id) : null;
            return new VendorDeleteFailure(i.CallId, i.ConnectionId, connection?.Name ?? "(connection not recorded)", connection?.Vendor, i.VendorCallId,
                i.VendorError ?? "");
        }).ToList();
    }

    private async Task<string> ConnectionNameAsync(long jobId, int connectionId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var connection = await db.DeletionJobConnections.AsNoTracking().SingleOrDefaultAsync(c => c.JobId == jobId && c.ConnectionId == connectionId, ct);
        return connection is null
            ? connectionId.ToString(CultureInfo.InvariantCulture)
            : $"{connection.Name} ({VendorCatalog.Label(connection.Vendor)})";
    }

    private sealed record PendingItem(long CallId, int ConnectionId, string VendorCallId);
}
