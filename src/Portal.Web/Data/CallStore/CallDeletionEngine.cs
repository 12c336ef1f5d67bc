using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Portal.Web.Data.CallStore;

/// <summary>One committed batch of a delete: what a job persists to resume without counting anything twice.</summary>
/// <param name="DeletedIds">The calls this batch deleted (ids already gone are not among them).</param>
/// <param name="DeletedSoFar">Deleted by this run so far, this batch included.</param>
/// <param name="TransactionTime">From the start of the batch's transaction to its commit.</param>
public sealed record CallDeletionBatch(IReadOnlyList<long> DeletedIds, long DeletedSoFar, TimeSpan TransactionTime);

/// <summary>
/// Deletes calls (or only their transcripts) in short batches, each in one transaction (<see cref="CallDeleter"/>), so syncs
/// and readers get the database between batches. After each commit it reports the batch, which a job can persist; run
/// again over the same ids, a delete counts only what is still there.
/// </summary>
public sealed class CallDeletionEngine(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    /// <summary>Short enough for a transaction well under 500 ms on SQLite at a million calls (see the delete benchmark).</summary>
    public const int DefaultBatchSize = 2_000;
    private const int BatchesPerCheckpoint = 4;

    public delegate Task BatchDeleted(CallDeletionBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// Runs inside a batch's transaction, after its delete and before its commit, with the batch's ids and those it deleted:
    /// what a job writes here (its progress) commits or rolls back with the delete itself.
    /// </summary>
    public delegate Task InsideTransaction(DbConnection connection, DbTransaction transaction, IReadOnlyList<long> batchIds,
        IReadOnlyList<long> deletedIds, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the calls with these database ids; returns how many were deleted. <paramref name="beforeDelete"/> runs in each
    /// batch's transaction before its delete (its deleted ids are empty then): what a job reads there about the calls is exact.
    /// </summary>
    public async Task<long> DeleteAsync(IEnumerable<long> callIds, CallDeletionScope scope, BatchDeleted? onBatch, CancellationToken cancellationToken,
        int batchSize = DefaultBatchSize, InsideTransaction? inside = null, InsideTransaction? beforeDelete = null)
    {
        long deleted = 0;
        var ordinal = 0;
        foreach (var batch in callIds.Distinct().Chunk(batchSize))
        {
            deleted += await DeleteBatchAsync(batch, scope, ++ordinal, deleted, onBatch, inside, beforeDelete, cancellationToken);
        }
        return deleted;
    }

    /// <summary>
    /// Deletes the calls a query selects (database ids), reading the next batch's ids before each transaction, in id order.
    /// <paramref name="beforeDelete"/> as in the other overload.
    /// </summary>
    public async Task<long> DeleteAsync(Func<PortalDbContext, IQueryable<long>> selection, CallDeletionScope scope, BatchDeleted? onBatch,
        CancellationToken cancellationToken, int batchSize = DefaultBatchSize, InsideTransaction? inside = null, InsideTransaction? beforeDelete = null)
    {
        long deleted = 0, after = long.MinValue;
        for (var ordinal = 1; ; ordinal++)
        {
            long[] batch;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                batch = await selection(db).Where(id => id > after).OrderBy(id => id).Take(batchSize).ToArrayAsync(cancellationToken);
            }
            if (batch.Length == 0)
            {
                return deleted;
            }
            after = batch[^1];
            deleted += await DeleteBatchAsync(batch, scope, ordinal, deleted, onBatch, inside, beforeDelete, cancellationToken);
        }
    }

    /// <summary>
    /// One batch in one transaction. On SQLite the WAL is copied into the file (a checkpoint) every few batches after the
    /// transaction instead of in its commit: a checkpoint does not hold the write lock, and pages that several batches
    /// change (rollups, index pages) are copied once.
    /// </summary>
    private async Task<int> DeleteBatchAsync(long[] batch, CallDeletionScope scope, int ordinal, long deletedBefore, BatchDeleted? onBatch,
        InsideTransaction? inside, InsideTransaction? beforeDelete, CancellationToken ct)
    {
        IReadOnlyList<long> deleted;
        TimeSpan transactionTime;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            await db.Database.OpenConnectionAsync(ct); // through EF: SQLite gets foreign keys on
            var connection = db.Database.GetDbConnection();
            var sqlite = db.Database.IsSqlite();
            var autoCheckpoint = sqlite ? await SqliteSpace.PragmaAsync(db, "wal_autocheckpoint", ct) : 0;
            if (sqlite)
            {
                await SqliteSpace.PragmaAsync(db, "wal_autocheckpoint = 0", ct);
            }
            try
            {
                var watch = Stopwatch.StartNew();
                await using (var transaction = await connection.BeginTransactionAsync(ct))
                {
                    if (beforeDelete is not null)
                    {
                        await beforeDelete(connection, transaction, batch, [], ct);
                    }
                    deleted = await CallDeleter.DeleteAsync(connection, transaction, batch, scope, clock.GetUtcNow().UtcDateTime, ct);
                    if (inside is not null)
                    {
                        await inside(connection, transaction, batch, deleted, ct);
                    }
                    await transaction.CommitAsync(ct);
                }
                transactionTime = watch.Elapsed;
            }
            finally
            {
                if (sqlite)
                {
                    await SqliteSpace.PragmaAsync(db, $"wal_autocheckpoint = {autoCheckpoint}", CancellationToken.None); // the pooled connection as it was
                }
            }
            if (sqlite && ordinal % BatchesPerCheckpoint == 0)
            {
                await SqliteSpace.PragmaAsync(db, "wal_checkpoint(PASSIVE)", ct);
            }
        }
        if (onBatch is not null)
        {
            await onBatch(new CallDeletionBatch(deleted, deletedBefore + deleted.Count, transactionTime), ct);
        }
        return deleted.Count;
    }

    /// <summary>Gives the space of deleted rows back to the file system (SQLite); see <see cref="SqliteSpace"/>.</summary>
    public async Task<SpaceReclaimed> ReclaimSpaceAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return db.Database.IsSqlite()
            ? await SqliteSpace.ReclaimAsync(db, cancellationToken)
            : new SpaceReclaimed(0, 0, "PostgreSQL: autovacuum makes the space reusable.");
    }
}
