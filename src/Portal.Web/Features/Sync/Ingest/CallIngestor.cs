using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Calls;
using Portal.Web.Data;
using Portal.Web.Data.CallStore;
using Portal.Web.Reporting.Rollups;

namespace Portal.Web.Features.Sync.Ingest;

/// <summary>
/// Writes vendor records into the database: upserts by (ConnectionId, VendorCallId) with prepared statements,
/// transcripts and recordings with their call, rollups adjusted by what each row counted before and counts now,
/// records the portal deleted (tombstones) or erased (the erasure ledger) refused, skipped records kept once, and the cursor moved — all in one transaction,
/// so a process killed at any moment loses nothing and duplicates nothing. A record the database refuses is kept
/// as a skipped record with the reason; the rest of the page, the rollups and the cursor still land.
/// </summary>
public sealed class CallIngestor(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock, ErasureLedger ledger)
{
    private const int BatchSize = 400;
    private ColumnLimits? _limits;

    public async Task<IngestResult> IngestAsync(int connectionId, IReadOnlyList<NormalizedCall> calls, IReadOnlyList<SkippedRecord> skipped,
        CursorUpdate? cursor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var limits = _limits ??= new ColumnLimits(db.Model);
        await db.Database.OpenConnectionAsync(cancellationToken); // through EF: SQLite gets foreign keys on
        var connection = db.Database.GetDbConnection();
        await ledger.PrepareToCheckAsync(connection, cancellationToken); // outside the transaction; nothing once the salt is read
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ConnectionWriteLock.TakeAsync(connection, transaction, [connectionId], cancellationToken); // before the tombstone check
        var now = clock.GetUtcNow().UtcDateTime;
        var writer = new Writer(connection, transaction, connectionId, now, limits, ledger);
        var refused = new List<SkippedRecord>();
        var result = IngestResult.Empty;
        try
        {
            var delta = new RollupDelta();
            foreach (var batch in Storable(LatestPerId(calls), limits, refused).Chunk(BatchSize))
            {
                result = result.Plus(await WriteBatchAsync(writer, transaction, batch, delta, refused, cancellationToken));
            }
            await RollupWriter.WriteAsync(connection, transaction, connectionId, delta, cancellationToken);
            result = result.Plus(new IngestResult(0, 0, 0, 0, await writer.WriteSkippedAsync([.. skipped, .. refused], cancellationToken)));
            if (cursor?.LeaseOwner is { } owner && !await writer.HoldsLeaseAsync(owner, clock.GetUtcNow().UtcDateTime, cancellationToken))
            {
                throw new LeaseLostException(connectionId); // the transaction is rolled back as it is disposed
            }
            if (cursor is not null && !await writer.MoveCursorAsync(limits.Fit(cursor), cancellationToken))
            {
                result = result with { CursorMoved = false };
            }
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            await writer.DisposeAsync();
        }
    }

    /// <summary>
    /// Deletes calls a vendor reports deleted, through the portal's one delete (<see cref="CallDeleter"/>: transcripts,
    /// recordings, rollups, tombstones), and leaves tombstones for the ids not stored either, so no later sync brings them
    /// in — in one transaction. Returns how many were deleted.
    /// </summary>
    public async Task<int> DeleteAsync(int connectionId, IReadOnlyCollection<string> vendorCallIds, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ConnectionWriteLock.TakeAsync(connection, transaction, [connectionId], cancellationToken); // before the ids are read
        var now = clock.GetUtcNow().UtcDateTime;
        await using var writer = new Writer(connection, transaction, connectionId, now, _limits ??= new ColumnLimits(db.Model), ledger);
        var deleted = 0;
        foreach (var batch in vendorCallIds.Distinct(StringComparer.Ordinal).Chunk(BatchSize))
        {
            var callIds = await writer.CallIdsAsync(batch, cancellationToken);
            deleted += (await CallDeleter.DeleteAsync(connection, transaction, callIds, CallDeletionScope.Calls, now, cancellationToken)).Count;
            await writer.TombstoneAsync(batch, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>The calls as they can be stored; the ones that cannot (an id too long) go to <paramref name="refused"/>.</summary>
    private static IEnumerable<NormalizedCall> Storable(IEnumerable<NormalizedCall> calls, ColumnLimits limits, List<SkippedRecord> refused)
    {
        foreach (var call in calls)
        {
            if (limits.Fit(call, out var refusal) is { } fitted)
            {
                yield return fitted;
            }
            else
            {
                refused.Add(new SkippedRecord(call.VendorCallId, refusal!, call.RawPayload));
            }
        }
    }

    /// <summary>
    /// One batch in a savepoint (on PostgreSQL a failed statement aborts the transaction, a savepoint recovers it).
    /// When the database refuses the batch, it is written again one record at a time, each in its own savepoint, and
    /// the records it refuses go to <paramref name="refused"/> with the reason; the batch's rollups count only what was written.
    /// </summary>
    private static async Task<IngestResult> WriteBatchAsync(Writer writer, DbTransaction transaction, NormalizedCall[] batch, RollupDelta delta,
        List<SkippedRecord> refused, CancellationToken ct)
    {
        var (result, failure) = await InSavepointAsync(transaction, writer, batch, delta, ct);
        if (failure is null)
        {
            return result;
        }
        result = IngestResult.Empty;
        foreach (var call in batch)
        {
            var (one, refusal) = await InSavepointAsync(transaction, writer, [call], delta, ct);
            result = result.Plus(one);
            if (refusal is not null)
            {
                refused.Add(new SkippedRecord(call.VendorCallId, $"The database refused the record ({refusal.GetType().Name}): {refusal.Message}", call.RawPayload));
            }
        }
        return result;
    }

    private static async Task<(IngestResult Result, Exception? Refusal)> InSavepointAsync(DbTransaction transaction, Writer writer,
        NormalizedCall[] calls, RollupDelta delta, CancellationToken ct)
    {
        const string savepoint = "ingest_calls";
        await transaction.SaveAsync(savepoint, ct);
        try
        {
            var written = new RollupDelta();
            var result = await writer.WriteCallsAsync(calls, written, ct);
            await transaction.ReleaseAsync(savepoint, ct);
            delta.Add(written);
            return (result, null);
        }
        // A lost connection or a deadlock is no fault of the record: the page fails and is read again.
        catch (Exception ex) when (ex is not (OperationCanceledException or DbException { IsTransient: true }))
        {
            await transaction.RollbackAsync(savepoint, ct);
            await transaction.ReleaseAsync(savepoint, ct);
            return (IngestResult.Empty, ex);
        }
    }

    // A batch may carry the same record twice (a re-send): the last one wins.
    private static IEnumerable<NormalizedCall> LatestPerId(IReadOnlyList<NormalizedCall> calls) =>
        calls.GroupBy(c => c.VendorCallId, StringComparer.Ordinal).Select(g => g.Last());

    private sealed class Writer(DbConnection connection, DbTransaction transaction, int connectionId, DateTime now, ColumnLimits limits,
        ErasureLedger ledger) : IAsyncDisposable
    {
        private readonly SqlCommand _insertCall = new(connection, transaction, IngestSql.InsertCall);
        private readonly SqlCommand _updateCall = new(connection, transaction, IngestSql.UpdateCall);
        private readonly SqlCommand _callId = new(connection, transaction, IngestSql.CallId);
        private readonly SqlCommand _upsertTranscript = new(connection, transaction, IngestSql.UpsertTranscript);
        private readonly SqlCommand _deleteSegments = new(connection, transaction, IngestSql.DeleteSegments);
        private readonly SqlCommand _insertSegment = new(connection, transaction, IngestSql.InsertSegment);
        private readonly SqlCommand _upsertRecording = new(connection, transaction, IngestSql.UpsertRecording);
        private readonly SqlCommand _existingCall = new(connection, transaction, IngestSql.ExistingCall);
        private readonly SqlCommand _anyTombstone = new(connection, transaction, IngestSql.AnyTombstone);
        private bool? _hasTombstones;
        private bool? _hasLedgerEntries;

        public async Task<IngestResult> WriteCallsAsync(NormalizedCall[] batch, RollupDelta delta, CancellationToken ct)
        {
            _hasTombstones ??= await _anyTombstone.Set("ConnectionId", connectionId).ExecuteScalarInt64Async(ct) > 0;
            var tombstoned = _hasTombstones.Value ? await TombstonedAsync(batch.Select(c => c.VendorCallId).ToArray(), ct) : [];
            // Erased numbers: like the tombstones, one cheap read per ingest, and only with entries a hash and a query per batch.
            _hasLedgerEntries ??= await ErasureLedger.AnyAsync(connection, transaction, ct);
            var erased = _hasLedgerEntries.Value ? await ledger.CoveredAsync(connection, transaction, batch, ct) : [];
            int inserted = 0, updated = 0, refused = 0, unknown = 0;
            foreach (var call in batch)
            {
                if (tombstoned.Contains(call.VendorCallId) || erased.Contains(call.VendorCallId))
                {
                    refused++;
                    continue;
                }
                var facts = RollupFacts.Of(call);
                if (await WithCall(_insertCall, call).ExecuteAsync(ct) == 0)
                {
                    // Stored before: take out what it counted as, count what it is now.
                    var before = await ExistingAsync(call.VendorCallId, ct)
                        ?? throw new InvalidOperationException($"Call {call.VendorCallId} conflicted but cannot be read.");
                    await WithCall(_updateCall, call).ExecuteAsync(ct);
                    updated++;
                    if (before != facts)
                    {
                        delta.Add(before, -1);
                        delta.Add(facts, +1);
                    }
                }
                else
                {
                    inserted++;
                    unknown += call.Outcome == CallOutcome.Unknown ? 1 : 0;
                    delta.Add(facts, +1);
                }
                if (call.Transcript is not null || call.Recordings.Count > 0)
                {
                    var (callId, transcriptDeleted, recordingsDeleted) = await StoredCallAsync(call.VendorCallId, ct);
                    await WriteTranscriptAsync(callId, transcriptDeleted ? null : call.Transcript, ct);
                    await WriteRecordingsAsync(callId, recordingsDeleted ? [] : call.Recordings, ct);
                }
            }
            return new IngestResult(inserted, updated, refused, unknown, 0);
        }

        public async Task<IReadOnlyCollection<long>> CallIdsAsync(string[] vendorCallIds, CancellationToken ct)
        {
            var ids = new List<long>();
            await using var query = InList(IngestSql.CallIds, vendorCallIds);
            await using var reader = await query.ReadAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetInt64(0));
            }
            return ids;
        }

        public async Task TombstoneAsync(string[] vendorCallIds, CancellationToken ct)
        {
            await using var tombstone = new SqlCommand(connection, transaction, CallStoreSql.InsertTombstone);
            foreach (var id in vendorCallIds)
            {
                await tombstone.Set("ConnectionId", connectionId).Set("VendorCallId", id).Set("DeletedAtUtc", now).ExecuteAsync(ct);
            }
        }

        private SqlCommand WithCall(SqlCommand command, NormalizedCall call) => command
            .Set("ConnectionId", connectionId).Set("VendorCallId", call.VendorCallId)
            .Set("Direction", (int)call.Direction).Set("Outcome", (int)call.Outcome).Set("VendorStatus", call.VendorStatus)
            .Set("StartedAtUtc", call.StartedAtUtc).Set("AnsweredAtUtc", call.AnsweredAtUtc).Set("EndedAtUtc", call.EndedAtUtc)
            .Set("DurationSeconds", call.DurationSeconds).Set("RingSeconds", call.RingSeconds)
            .Set("Extension", call.Extension).Set("ExtensionName", call.ExtensionName)
            .Set("ExternalNumber", call.ExternalNumber).Set("ExternalNumberOriginal", call.ExternalNumberOriginal)
            .Set("ExternalName", call.ExternalName).Set("EndReason", call.EndReason)
            .Set("HasTranscript", call.Transcript is not null).Set("HasRecording", call.Recordings.Count > 0)
            .Set("HistoryJson", CallHistoryJson.Serialize(call.History))
            .Set("RawPayload", call.RawPayload).Set("UpdatedAtUtc", now);

        private async Task WriteTranscriptAsync(long callId, NormalizedTranscript? transcript, CancellationToken ct)
        {
            if (transcript is null)
            {
                return; // an earlier copy with a transcript keeps it
            }
            var searchText = string.Join('\n', new[] { transcript.Summary }.Concat(transcript.Lines.Select(l => l.Text)).Where(t => !string.IsNullOrWhiteSpace(t)));
            await _upsertTranscript.Set("CallId", callId).Set("Summary", transcript.Summary).Set("Language", transcript.Language)
                .Set("UpdatedAtUtc", now).Set("SearchText", searchText).ExecuteAsync(ct);
            await _deleteSegments.Set("CallId", callId).ExecuteAsync(ct);
            for (var i = 0; i < transcript.Lines.Count; i++)
            {
                var line = transcript.Lines[i];
                await _insertSegment.Set("CallId", callId).Set("Sequence", i).Set("Speaker", line.Speaker)
                    .Set("OffsetSeconds", line.OffsetSeconds).Set("Text", line.Text).ExecuteAsync(ct);
            }
        }

        private async Task WriteRecordingsAsync(long callId, IReadOnlyList<RecordingInfo> recordings, CancellationToken ct)
        {
            foreach (var recording in recordings)
            {
                await _upsertRecording.Set("CallId", callId).Set("VendorRecordingId", recording.VendorRecordingId)
                    .Set("ContentType", recording.ContentType).Set("DurationSeconds", recording.DurationSeconds)
                    .Set("SizeBytes", recording.SizeBytes).Set("CreatedAtUtc", recording.CreatedAtUtc)
                    .Set("DownloadUrl", recording.DownloadUrl).ExecuteAsync(ct);
            }
        }

        public async Task<int> WriteSkippedAsync(IReadOnlyList<SkippedRecord> skipped, CancellationToken ct)
        {
            if (skipped.Count == 0)
            {
                return 0;
            }
            await using var insert = new SqlCommand(connection, transaction, IngestSql.InsertSkipped);
            var added = 0;
            foreach (var record in skipped)
            {
                added += await insert.Set("ConnectionId", connectionId).Set("VendorKey", limits.SkippedKey(record))
                    .Set("Reason", limits.SkippedReason(record.Reason)).Set("RawPayload", record.RawPayload).Set("FirstSeenAtUtc", now)
                    .ExecuteAsync(ct);
            }
            return added;
        }

        public async Task<bool> HoldsLeaseAsync(string owner, DateTime nowUtc, CancellationToken ct)
        {
            await using var hold = new SqlCommand(connection, transaction, IngestSql.HoldLease);
            return await hold.Set("ConnectionId", connectionId).Set("LeaseOwner", owner).Set("NowUtc", nowUtc).ExecuteAsync(ct) == 1;
        }

        public async Task<bool> MoveCursorAsync(CursorUpdate cursor, CancellationToken ct)
        {
            await using var upsert = new SqlCommand(connection, transaction, IngestSql.UpsertCursor);
            return await upsert.Set("ConnectionId", connectionId).Set("Stream", cursor.Stream).Set("WatermarkUtc", cursor.WatermarkUtc)
                .Set("Position", cursor.Position).Set("LastEventId", cursor.LastEventId).Set("UpdatedAtUtc", now)
                .Set("Unconditional", !cursor.Conditional).Set("OnlyFromWatermarkUtc", cursor.OnlyFromWatermarkUtc)
                .ExecuteAsync(ct) == 1;
        }

        private async Task<RollupFacts?> ExistingAsync(string vendorCallId, CancellationToken ct)
        {
            await using var reader = await _existingCall.Set("ConnectionId", connectionId).Set("VendorCallId", vendorCallId).ReadAsync(ct);
            return await reader.ReadAsync(ct)
                ? new RollupFacts(
                    DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    (CallDirection)reader.GetInt32(2),
                    (CallOutcome)reader.GetInt32(3),
                    reader.GetInt32(4),
                    reader.IsDBNull(5) ? null : reader.GetInt32(5))
                : null;
        }

        private async Task<(long Id, bool TranscriptDeleted, bool RecordingsDeleted)> StoredCallAsync(string vendorCallId, CancellationToken ct)
        {
            await using var reader = await _callId.Set("ConnectionId", connectionId).Set("VendorCallId", vendorCallId).ReadAsync(ct);
            return await reader.ReadAsync(ct)
                ? (reader.GetInt64(0), Convert.ToBoolean(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture),
                    Convert.ToBoolean(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture))
                : throw new InvalidOperationException($"Call {vendorCallId} was written but cannot be read.");
        }

        private async Task<HashSet<string>> TombstonedAsync(string[] ids, CancellationToken ct)
        {
            var tombstoned = new HashSet<string>(StringComparer.Ordinal);
            await using var query = InList(IngestSql.Tombstones, ids);
            await using var reader = await query.ReadAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                tombstoned.Add(reader.GetString(0));
            }
            return tombstoned;
        }

        private SqlCommand InList(string sqlFormat, string[] ids)
        {
            var command = new SqlCommand(connection, transaction, string.Format(System.Globalization.CultureInfo.InvariantCulture, sqlFormat,
                string.Join(", ", ids.Select((_, i) => "@id" + i))));
            command.Set("ConnectionId", connectionId);
            for (var i = 0; i < ids.Length; i++)
            {
                command.Set("id" + i, ids[i]);
            }
            return command;
        }

        public async ValueTask DisposeAsync()
        {
            await _insertCall.DisposeAsync();
            await _updateCall.DisposeAsync();
            await _callId.DisposeAsync();
            await _upsertTranscript.DisposeAsync();
            await _deleteSegments.DisposeAsync();
            await _insertSegment.DisposeAsync();
            await _upsertRecording.DisposeAsync();
            await _existingCall.DisposeAsync();
            await _anyTombstone.DisposeAsync();
        }
    }
}
