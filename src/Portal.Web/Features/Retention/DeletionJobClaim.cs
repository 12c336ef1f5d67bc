using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;

namespace Portal.Web.Features.Retention;

/// <summary>
/// Which portal instance runs a deletion job. On PostgreSQL, where several instances may share the database, a session-level
/// advisory lock on the job, held on its own connection for as long as the job runs: another instance's runner leaves that job
/// alone, and the lock goes with the connection when the process stops or dies, so a killed job is taken up again by whichever
/// runner looks next. SQLite has one portal process per database file: every claim succeeds.
/// </summary>
internal sealed class DeletionJobClaim : IAsyncDisposable
{
    /// <summary>The first key of the lock; the second is the job's id (beyond 2^31 jobs two ids share a lock, which only delays one).</summary>
    private const int LockKey = 7414;

    private readonly PortalDbContext? _db;
    private readonly long _jobId;

    private DeletionJobClaim(PortalDbContext? db, long jobId)
    {
        _db = db;
        _jobId = jobId;
    }

    /// <summary>The claim, or null when another instance runs the job now.</summary>
    public static async Task<DeletionJobClaim?> TryTakeAsync(IDbContextFactory<PortalDbContext> contexts, long jobId, CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct);
        if (!db.Database.IsNpgsql())
        {
            await db.DisposeAsync();
            return new DeletionJobClaim(null, jobId);
        }
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            var key = unchecked((int)jobId);
            var taken = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({LockKey}, {key}) AS \"Value\"").SingleAsync(ct);
            if (taken)
            {
                return new DeletionJobClaim(db, jobId);
            }
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
        await db.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is null)
        {
            return;
        }
        try
        {
            var key = unchecked((int)_jobId);
            await _db.Database.SqlQuery<bool>($"SELECT pg_advisory_unlock({LockKey}, {key}) AS \"Value\"").SingleAsync(CancellationToken.None);
        }
        finally
        {
            await _db.DisposeAsync(); // closing the connection releases the lock in any case
        }
    }
}
