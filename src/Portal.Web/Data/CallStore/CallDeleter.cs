using System.Data.Common;
using Portal.Telephony.Calls;
using Portal.Web.Reporting.Rollups;

namespace Portal.Web.Data.CallStore;

/// <summary>What a delete takes: whole calls (with transcripts, segments, full-text rows and recordings), or only their transcripts.</summary>
public enum CallDeletionScope
{
    Calls,
    /// <summary>The calls stay (and count in the rollups as before) with <c>HasTranscript</c> false.</summary>
    TranscriptsOnly,
    /// <summary>The calls stay (and count in the rollups as before) without their recording links, <c>HasRecording</c> false.</summary>
    RecordingsOnly,
}

/// <summary>
/// Deletes a set of calls by database id inside the caller's transaction: the one way calls leave the database, used by
/// <see cref="CallDeletionEngine"/> and by the sync when a vendor reports deletions. Takes the calls' connection locks
/// (<see cref="ConnectionWriteLock"/>), writes tombstones, removes transcripts, segments, full-text rows and recordings,
/// then the calls, and takes out of the rollups exactly what the deleted rows counted (read back from the delete itself,
/// so ids already gone count nothing).
/// </summary>
internal static class CallDeleter
{
    /// <summary>
    /// Returns the ids actually deleted (for <see cref="CallDeletionScope.TranscriptsOnly"/>: the calls that had a transcript, for
    /// <see cref="CallDeletionScope.RecordingsOnly"/>: the calls that had a recording; every call of the set is marked so that
    /// no sync writes a transcript, or recording links, for it again).
    /// </summary>
    public static async Task<IReadOnlyList<long>> DeleteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<long> callIds,
        CallDeletionScope scope, DateTime nowUtc, CancellationToken ct)
    {
        if (callIds.Count == 0)
        {
            return [];
        }
        var ids = CallStoreSql.IdList(callIds);
        await ConnectionWriteLock.TakeAsync(connection, transaction, await ConnectionsOfAsync(connection, transaction, ids, ct), ct);
        if (scope == CallDeletionScope.TranscriptsOnly)
        {
            var hadTranscript = await DeleteTranscriptsAsync(connection, transaction, ids, ct);
            await using var mark = new SqlCommand(connection, transaction, Format(CallStoreSql.MarkTranscriptsDeleted, ids));
            await mark.Set("DeletedAtUtc", nowUtc).ExecuteAsync(ct);
            return hadTranscript;
        }
        if (scope == CallDeletionScope.RecordingsOnly)
        {
            var hadRecording = (await ReadIdsAsync(connection, transaction, CallStoreSql.DeleteRecordingsReturningCalls, ids, ct)).Distinct().Order().ToList();
            await using var mark = new SqlCommand(connection, transaction, Format(CallStoreSql.MarkRecordingsDeleted, ids));
            await mark.Set("DeletedAtUtc", nowUtc).ExecuteAsync(ct);
            return hadRecording;
        }
        await using (var tombstones = new SqlCommand(connection, transaction, Format(CallStoreSql.TombstoneCalls, ids)))
        {
            await tombstones.Set("DeletedAtUtc", nowUtc).ExecuteAsync(ct);
        }
        await DeleteTranscriptsAsync(connection, transaction, ids, ct);
        await ExecuteAsync(connection, transaction, CallStoreSql.DeleteRecordings, ids, ct);
        return await DeleteCallsAsync(connection, transaction, ids, ct);
    }

    private static async Task<IReadOnlyList<long>> DeleteCallsAsync(DbConnection connection, DbTransaction transaction, string ids, CancellationToken ct)
    {
        var deleted = new List<long>();
        var deltas = new SortedDictionary<int, RollupDelta>();
        await using (var delete = new SqlCommand(connection, transaction, Format(CallStoreSql.DeleteCalls, ids)))
        await using (var reader = await delete.ReadAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                deleted.Add(reader.GetInt64(0));
                var connectionId = reader.GetInt32(1);
                if (!deltas.TryGetValue(connectionId, out var delta))
                {
                    deltas[connectionId] = delta = new RollupDelta();
                }
                delta.Add(new RollupFacts(DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc), reader.IsDBNull(3) ? null : reader.GetString(3),
                    (CallDirection)reader.GetInt32(4), (CallOutcome)reader.GetInt32(5), reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetInt32(7)), -1);
            }
        }
        foreach (var (connectionId, delta) in deltas)
        {
            await RollupWriter.WriteAsync(connection, transaction, connectionId, delta, ct);
        }
        return deleted;
    }

    /// <summary>Segments, transcripts and their full-text rows; returns the calls that had a transcript.</summary>
    private static async Task<IReadOnlyList<long>> DeleteTranscriptsAsync(DbConnection connection, DbTransaction transaction, string ids, CancellationToken ct)
    {
        await ExecuteAsync(connection, transaction, CallStoreSql.DeleteSegments, ids, ct);
        return await ReadIdsAsync(connection, transaction, CallStoreSql.DeleteTranscripts, ids, ct);
    }

    private static async Task<List<int>> ConnectionsOfAsync(DbConnection connection, DbTransaction transaction, string ids, CancellationToken ct) =>
        (await ReadIdsAsync(connection, transaction, CallStoreSql.ConnectionsOfCalls, ids, ct)).Select(id => (int)id).ToList();

    private static async Task<IReadOnlyList<long>> ReadIdsAsync(DbConnection connection, DbTransaction transaction, string sql, string ids, CancellationToken ct)
    {
        var read = new List<long>();
        await using var query = new SqlCommand(connection, transaction, Format(sql, ids));
        await using var reader = await query.ReadAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            read.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }
        return read;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, string ids, CancellationToken ct)
    {
        await using var command = new SqlCommand(connection, transaction, Format(sql, ids));
        await command.ExecuteAsync(ct);
    }

    private static string Format(string sql, string ids) => string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, ids);
}
