using System.Data.Common;
using System.Globalization;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;

namespace Portal.Web.Features.Retention;

/// <summary>
/// What a job's items record beyond done and deleted, written by SQL inside the job's own transactions (call ids are
/// numbers, never text from outside): at creation the call's connection and, where that connection's vendor can delete,
/// the vendor's record id, plus the job's connections; in each batch's transaction, before the delete, whether the call had
/// a transcript and how many recording links (exact: read under the connections' write locks, so no sync adds one in
/// between), and after the delete the deleted calls' vendor deletes as pending.
/// </summary>
internal static class DeletionJobItemFacts
{
    /// <summary>At creation, after the items are inserted, in the creation's transaction.</summary>
    /// <param name="vendorCanDelete">The connections whose adapter deletes records at the vendor.</param>
    public static async Task RecordAtCreationAsync(DbConnection connection, DbTransaction transaction, long jobId, CallDeletionScope scope,
        IReadOnlySet<int> vendorCanDelete, CancellationToken ct)
    {
        // A transcripts-only job keeps the calls, so it keeps the vendor's records too.
        var deleters = scope == CallDeletionScope.Calls && vendorCanDelete.Count > 0 ? IntList(vendorCanDelete) : null;
        var vendorCallId = deleters is null ? "NULL" : $"""CASE WHEN c."ConnectionId" IN ({deleters}) THEN c."VendorCallId" END""";
        await using (var items = new SqlCommand(connection, transaction, $"""
            UPDATE "DeletionJobItems" SET "ConnectionId" = c."ConnectionId", "VendorCallId" = {vendorCallId}
            FROM "Calls" c WHERE c."Id" = "DeletionJobItems"."CallId" AND "DeletionJobItems"."JobId" = @JobId
            """))
        {
            await items.Set("JobId", jobId).ExecuteAsync(ct);
        }
        var canDelete = deleters is null ? "FALSE" : $"""(c."Id" IN ({deleters}))""";
        await using var connections = new SqlCommand(connection, transaction, $"""
            INSERT INTO "DeletionJobConnections" ("JobId", "ConnectionId", "Name", "Vendor", "VendorCanDelete")
            SELECT @JobId, c."Id", c."Name", c."Vendor", {canDelete} FROM "Connections" c
            WHERE c."Id" IN (SELECT DISTINCT "ConnectionId" FROM "DeletionJobItems" WHERE "JobId" = @JobId AND "ConnectionId" IS NOT NULL)
            """);
        await connections.Set("JobId", jobId).ExecuteAsync(ct);
    }

    /// <summary>In a batch's transaction, before its delete: each call's transcript and recording links as they are now.</summary>
    public static async Task CaptureBeforeDeleteAsync(DbConnection connection, DbTransaction transaction, long jobId, IReadOnlyList<long> batchIds,
        CancellationToken ct)
    {
        if (batchIds.Count == 0)
        {
            return;
        }
        var ids = CallStoreSql.IdList(batchIds);
        var connectionIds = new List<int>();
        await using (var read = new SqlCommand(connection, transaction, string.Format(CultureInfo.InvariantCulture, CallStoreSql.ConnectionsOfCalls, ids)))
        await using (var reader = await read.ReadAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                connectionIds.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
            }
        }
        // The delete takes the same locks next (taking one twice in a transaction is allowed); taken here, nothing changes in between.
        await ConnectionWriteLock.TakeAsync(connection, transaction, connectionIds, ct);
        await using var capture = new SqlCommand(connection, transaction, $"""
            UPDATE "DeletionJobItems" SET
                "HadTranscript" = EXISTS (SELECT 1 FROM "Transcripts" t WHERE t."CallId" = "DeletionJobItems"."CallId"),
                "RecordingLinks" = (SELECT COUNT(*) FROM "Recordings" r WHERE r."CallId" = "DeletionJobItems"."CallId")
            WHERE "JobId" = @JobId AND NOT "Done" AND "CallId" IN ({ids})
            """);
        await capture.Set("JobId", jobId).ExecuteAsync(ct);
    }

    /// <summary>In a batch's transaction, after its delete: the vendor copies of the calls it deleted wait for the vendor.</summary>
    public static async Task MarkVendorPendingAsync(DbConnection connection, DbTransaction transaction, long jobId, IReadOnlyList<long> deletedIds,
        CancellationToken ct)
    {
        if (deletedIds.Count == 0)
        {
            return;
        }
        await using var mark = new SqlCommand(connection, transaction, $"""
            UPDATE "DeletionJobItems" SET "VendorState" = {(int)VendorDeletionState.Pending}
            WHERE "JobId" = @JobId AND "CallId" IN ({CallStoreSql.IdList(deletedIds)}) AND "VendorCallId" IS NOT NULL
                AND "VendorState" = {(int)VendorDeletionState.NotApplicable}
            """);
        await mark.Set("JobId", jobId).ExecuteAsync(ct);
    }

    private static string IntList(IEnumerable<int> ids) => string.Join(", ", ids.Order().Select(id => id.ToString(CultureInfo.InvariantCulture)));
}
