namespace Portal.Web.Data.CallStore;

/// <summary>
/// The statements that change stored calls outside the ingest of a page: rollup changes, tombstones and deletes. The same
/// text runs on SQLite and PostgreSQL (both have INSERT … ON CONFLICT and DELETE … RETURNING). <c>{0}</c> is a list of
/// database ids (<see cref="IdList"/>): numbers, never text from outside.
/// </summary>
internal static class CallStoreSql
{
    public const string AddToRollup = """
        INSERT INTO "CallRollups" ("Grain", "PeriodUtc", "ConnectionId", "Extension", "Direction", "Outcome", "Calls", "TalkSeconds", "RingSeconds",
            "RingCalls", "Talk0", "Talk1", "Talk2", "Talk3", "Talk4", "Talk5", "Talk6", "Talk7")
        VALUES (@Grain, @PeriodUtc, @ConnectionId, @Extension, @Direction, @Outcome, @Calls, @TalkSeconds, @RingSeconds,
            @RingCalls, @Talk0, @Talk1, @Talk2, @Talk3, @Talk4, @Talk5, @Talk6, @Talk7)
        ON CONFLICT ("Grain", "PeriodUtc", "ConnectionId", "Extension", "Direction", "Outcome") DO UPDATE SET
            "Calls" = "CallRollups"."Calls" + excluded."Calls", "TalkSeconds" = "CallRollups"."TalkSeconds" + excluded."TalkSeconds",
            "RingSeconds" = "CallRollups"."RingSeconds" + excluded."RingSeconds", "RingCalls" = "CallRollups"."RingCalls" + excluded."RingCalls",
            "Talk0" = "CallRollups"."Talk0" + excluded."Talk0", "Talk1" = "CallRollups"."Talk1" + excluded."Talk1",
            "Talk2" = "CallRollups"."Talk2" + excluded."Talk2", "Talk3" = "CallRollups"."Talk3" + excluded."Talk3",
            "Talk4" = "CallRollups"."Talk4" + excluded."Talk4", "Talk5" = "CallRollups"."Talk5" + excluded."Talk5",
            "Talk6" = "CallRollups"."Talk6" + excluded."Talk6", "Talk7" = "CallRollups"."Talk7" + excluded."Talk7"
        """;

    /// <summary>A change to a row that exists: one that loses calls.</summary>
    public const string SubtractFromRollup = """
        UPDATE "CallRollups" SET "Calls" = "Calls" + @Calls, "TalkSeconds" = "TalkSeconds" + @TalkSeconds,
            "RingSeconds" = "RingSeconds" + @RingSeconds, "RingCalls" = "RingCalls" + @RingCalls,
            "Talk0" = "Talk0" + @Talk0, "Talk1" = "Talk1" + @Talk1, "Talk2" = "Talk2" + @Talk2, "Talk3" = "Talk3" + @Talk3,
            "Talk4" = "Talk4" + @Talk4, "Talk5" = "Talk5" + @Talk5, "Talk6" = "Talk6" + @Talk6, "Talk7" = "Talk7" + @Talk7
        WHERE "Grain" = @Grain AND "PeriodUtc" = @PeriodUtc AND "ConnectionId" = @ConnectionId AND "Extension" = @Extension
            AND "Direction" = @Direction AND "Outcome" = @Outcome
        """;

    /// <summary>The rows of one grain and connection left with no call in a range of periods (the index on ConnectionId, Grain, PeriodUtc).</summary>
    public const string DeleteEmptyRollups = """
        DELETE FROM "CallRollups" WHERE "ConnectionId" = @ConnectionId AND "Grain" = @Grain AND "PeriodUtc" >= @FromUtc AND "PeriodUtc" <= @ToUtc
            AND "Calls" = 0
        """;

    /// <summary>A tombstone for a vendor's call id, whether or not the call is stored.</summary>
    public const string InsertTombstone = """
        INSERT INTO "CallTombstones" ("ConnectionId", "VendorCallId", "DeletedAtUtc") VALUES (@ConnectionId, @VendorCallId, @DeletedAtUtc)
        ON CONFLICT ("ConnectionId", "VendorCallId") DO NOTHING
        """;

    /// <summary>Tombstones for the stored calls of the list (SQLite needs the WHERE before ON CONFLICT in INSERT … SELECT).</summary>
    public const string TombstoneCalls = """
        INSERT INTO "CallTombstones" ("ConnectionId", "VendorCallId", "DeletedAtUtc")
        SELECT "ConnectionId", "VendorCallId", @DeletedAtUtc FROM "Calls" WHERE "Id" IN ({0})
        ON CONFLICT ("ConnectionId", "VendorCallId") DO NOTHING
        """;

    public const string ConnectionsOfCalls = """SELECT DISTINCT "ConnectionId" FROM "Calls" WHERE "Id" IN ({0}) ORDER BY "ConnectionId" """;

    /// <summary>Before the transcripts: segments belong to them.</summary>
    public const string DeleteSegments = """DELETE FROM "TranscriptSegments" WHERE "CallId" IN ({0})""";

    /// <summary>
    /// Also takes each transcript's full-text row (SQLite: a trigger; PostgreSQL: a generated column). Returns the calls
    /// that had a transcript.
    /// </summary>
    public const string DeleteTranscripts = """DELETE FROM "Transcripts" WHERE "CallId" IN ({0}) RETURNING "CallId" """;

    public const string DeleteRecordings = """DELETE FROM "Recordings" WHERE "CallId" IN ({0})""";

    /// <summary>Deletes the calls and returns what each counted in the rollups (the calls already gone return nothing).</summary>
    public const string DeleteCalls = """
        DELETE FROM "Calls" WHERE "Id" IN ({0})
        RETURNING "Id", "ConnectionId", "StartedAtUtc", "Extension", "Direction", "Outcome", "DurationSeconds", "RingSeconds"
        """;

    /// <summary>The calls keep no transcript, and no later sync writes one again (the ingest reads <c>TranscriptDeletedAtUtc</c>).</summary>
    public const string MarkTranscriptsDeleted = """
        UPDATE "Calls" SET "HasTranscript" = FALSE, "TranscriptDeletedAtUtc" = COALESCE("TranscriptDeletedAtUtc", @DeletedAtUtc) WHERE "Id" IN ({0})
        """;

    /// <summary>Recording links only (the calls stay); returns the call of each recording deleted.</summary>
    public const string DeleteRecordingsReturningCalls = """DELETE FROM "Recordings" WHERE "CallId" IN ({0}) RETURNING "CallId" """;

    /// <summary>The calls keep no recording links, and no later sync writes them again (the ingest reads <c>RecordingsDeletedAtUtc</c>).</summary>
    public const string MarkRecordingsDeleted = """
        UPDATE "Calls" SET "HasRecording" = FALSE, "RecordingsDeletedAtUtc" = COALESCE("RecordingsDeletedAtUtc", @DeletedAtUtc) WHERE "Id" IN ({0})
        """;

    /// <summary>
    /// PostgreSQL: serializes the writers of one connection's calls (ingest and delete) until the transaction ends. The first
    /// key is fixed for this lock, the second is the connection id. SQLite needs none: it has one writer at a time.
    /// </summary>
    public const string LockConnectionWrites = """SELECT pg_advisory_xact_lock(7412, @ConnectionId)""";

    public static string IdList(IEnumerable<long> ids) =>
        string.Join(", ", ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
