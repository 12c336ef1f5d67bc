using System.Data.Common;

namespace Portal.Web.Data.CallStore;

/// <summary>
/// Keeps a sync and a delete of the same connection from interleaving wrongly. The ingest of a page checks tombstones and
/// reads what a stored call counted before it writes; a delete removes calls, takes them out of the rollups and writes
/// tombstones. Both take this lock first in their transaction, so each sees the other's work whole or not at all: a page
/// read before a delete but written after it finds the tombstones and refuses the deleted calls.
/// On SQLite every write transaction already holds the database's single write lock from its start (BEGIN IMMEDIATE, the
/// default of Microsoft.Data.Sqlite), so nothing more is needed. On PostgreSQL (read committed) a transaction-scoped
/// advisory lock per connection does it without touching the connection's row (whose lease columns other work updates);
/// a delete that spans several connections takes their locks in ascending order, and the ingest takes only one, so no
/// two of them wait for each other.
/// </summary>
internal static class ConnectionWriteLock
{
    public static async Task TakeAsync(DbConnection connection, DbTransaction transaction, IEnumerable<int> connectionIds, CancellationToken ct)
    {
        if (connection is not Npgsql.NpgsqlConnection)
        {
            return;
        }
        await using var take = new SqlCommand(connection, transaction, CallStoreSql.LockConnectionWrites);
        foreach (var connectionId in connectionIds.Distinct().Order())
        {
            await take.Set("ConnectionId", connectionId).ExecuteAsync(ct);
        }
    }
}
