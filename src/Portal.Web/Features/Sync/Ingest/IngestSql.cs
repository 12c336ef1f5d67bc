namespace Portal.Web.Features.Sync.Ingest;

/// <summary>
/// The statements of the ingest path. The same text runs on SQLite and PostgreSQL (both have
/// INSERT … ON CONFLICT … DO UPDATE and RETURNING, and EF created the quoted names).
/// </summary>
internal static class IngestSql
{
    private const string CallColumns = """
        "ConnectionId", "VendorCallId", "Direction", "Outcome", "VendorStatus", "StartedAtUtc", "AnsweredAtUtc",
            "EndedAtUtc", "DurationSeconds", "RingSeconds", "Extension", "ExtensionName", "ExternalNumber", "ExternalNumberOriginal",
            "ExternalName", "EndReason", "HasTranscript", "HasRecording", "HistoryJson", "RawPayload", "UpdatedAtUtc"
        """;

    /// <summary>A new call; changes no row when the call is already stored (then <see cref="UpdateCall"/>).</summary>
    public const string InsertCall = """
        INSERT INTO "Calls" (
        """ + CallColumns + """
        ) VALUES (@ConnectionId, @VendorCallId, @Direction, @Outcome, @VendorStatus, @StartedAtUtc, @AnsweredAtUtc,
            @EndedAtUtc, @DurationSeconds, @RingSeconds, @Extension, @ExtensionName, @ExternalNumber, @ExternalNumberOriginal,
            @ExternalName, @EndReason, @HasTranscript, @HasRecording, @HistoryJson, @RawPayload, @UpdatedAtUtc)
        ON CONFLICT ("ConnectionId", "VendorCallId") DO NOTHING
        """;

    /// <summary>
    /// The newer copy of a stored call; a transcript or recording once seen stays flagged, and a transcript or recording links
    /// the portal deleted (<c>TranscriptDeletedAtUtc</c>, <c>RecordingsDeletedAtUtc</c>) are not flagged again.
    /// </summary>
    public const string UpdateCall = """
        UPDATE "Calls" SET "Direction" = @Direction, "Outcome" = @Outcome, "VendorStatus" = @VendorStatus,
            "StartedAtUtc" = @StartedAtUtc, "AnsweredAtUtc" = @AnsweredAtUtc, "EndedAtUtc" = @EndedAtUtc,
            "DurationSeconds" = @DurationSeconds, "RingSeconds" = @RingSeconds, "Extension" = @Extension,
            "ExtensionName" = @ExtensionName, "ExternalNumber" = @ExternalNumber, "ExternalNumberOriginal" = @ExternalNumberOriginal,
            "ExternalName" = @ExternalName, "EndReason" = @EndReason, "HasTranscript" = ((@HasTranscript AND "TranscriptDeletedAtUtc" IS NULL) OR "HasTranscript"),
            "HasRecording" = ((@HasRecording AND "RecordingsDeletedAtUtc" IS NULL) OR "HasRecording"), "HistoryJson" = @HistoryJson, "RawPayload" = @RawPayload,
            "UpdatedAtUtc" = @UpdatedAtUtc
        WHERE "ConnectionId" = @ConnectionId AND "VendorCallId" = @VendorCallId
        """;

    /// <summary>The stored call's id, and whether the portal deleted its transcript or its recording links (then none are written again).</summary>
    public const string CallId = """
        SELECT "Id", "TranscriptDeletedAtUtc" IS NOT NULL, "RecordingsDeletedAtUtc" IS NOT NULL FROM "Calls" WHERE "ConnectionId" = @ConnectionId AND "VendorCallId" = @VendorCallId
        """;

    public const string UpsertTranscript = """
        INSERT INTO "Transcripts" ("CallId", "Summary", "Language", "UpdatedAtUtc", "SearchText")
        VALUES (@CallId, @Summary, @Language, @UpdatedAtUtc, @SearchText)
        ON CONFLICT ("CallId") DO UPDATE SET "Summary" = excluded."Summary", "Language" = excluded."Language",
            "UpdatedAtUtc" = excluded."UpdatedAtUtc", "SearchText" = excluded."SearchText"
        """;

    public const string DeleteSegments = """DELETE FROM "TranscriptSegments" WHERE "CallId" = @CallId""";

    public const string InsertSegment = """
        INSERT INTO "TranscriptSegments" ("CallId", "Sequence", "Speaker", "OffsetSeconds", "Text")
        VALUES (@CallId, @Sequence, @Speaker, @OffsetSeconds, @Text)
        """;

    public const string UpsertRecording = """
        INSERT INTO "Recordings" ("CallId", "VendorRecordingId", "ContentType", "DurationSeconds", "SizeBytes", "CreatedAtUtc", "DownloadUrl")
        VALUES (@CallId, @VendorRecordingId, @ContentType, @DurationSeconds, @SizeBytes, @CreatedAtUtc, @DownloadUrl)
        ON CONFLICT ("CallId", "VendorRecordingId") DO UPDATE SET "ContentType" = excluded."ContentType",
            "DurationSeconds" = excluded."DurationSeconds", "SizeBytes" = excluded."SizeBytes",
            "CreatedAtUtc" = excluded."CreatedAtUtc", "DownloadUrl" = excluded."DownloadUrl"
        """;

    public const string UpsertCursor = """
        INSERT INTO "SyncCursors" ("ConnectionId", "Stream", "WatermarkUtc", "Position", "LastEventId", "UpdatedAtUtc")
        VALUES (@ConnectionId, @Stream, @WatermarkUtc, @Position, @LastEventId, @UpdatedAtUtc)
        ON CONFLICT ("ConnectionId", "Stream") DO UPDATE SET "WatermarkUtc" = COALESCE(excluded."WatermarkUtc", "SyncCursors"."WatermarkUtc"),
            "Position" = COALESCE(excluded."Position", "SyncCursors"."Position"),
            "LastEventId" = COALESCE(excluded."LastEventId", "SyncCursors"."LastEventId"), "UpdatedAtUtc" = excluded."UpdatedAtUtc"
        WHERE @Unconditional OR "SyncCursors"."WatermarkUtc" IS NOT DISTINCT FROM @OnlyFromWatermarkUtc
        """;

    /// <summary>
    /// Changes (and locks, until the transaction ends) the connection's row only while <c>@LeaseOwner</c> holds its
    /// lease: no other instance can take the lease between this check and the commit.
    /// </summary>
    public const string HoldLease = """
        UPDATE "Connections" SET "LeaseOwner" = "LeaseOwner"
        WHERE "Id" = @ConnectionId AND "LeaseOwner" = @LeaseOwner AND "LeaseExpiresAtUtc" > @NowUtc
        """;

    public const string InsertSkipped = """
        INSERT INTO "SkippedVendorRecords" ("ConnectionId", "VendorKey", "Reason", "RawPayload", "FirstSeenAtUtc")
        VALUES (@ConnectionId, @VendorKey, @Reason, @RawPayload, @FirstSeenAtUtc)
        ON CONFLICT ("ConnectionId", "VendorKey") DO NOTHING
        """;

    /// <summary>What an existing row counts as in the rollups.</summary>
    public const string ExistingCall = """
        SELECT "StartedAtUtc", "Extension", "Direction", "Outcome", "DurationSeconds", "RingSeconds"
        FROM "Calls" WHERE "ConnectionId" = @ConnectionId AND "VendorCallId" = @VendorCallId
        """;

    public const string AnyTombstone = """SELECT COUNT(*) FROM "CallTombstones" WHERE "ConnectionId" = @ConnectionId""";

    /// <summary>The database ids of the calls a vendor names (<c>{0}</c>: the parameters).</summary>
    public const string CallIds = """
        SELECT "Id" FROM "Calls" WHERE "ConnectionId" = @ConnectionId AND "VendorCallId" IN ({0})
        """;

    public const string Tombstones = """
        SELECT "VendorCallId" FROM "CallTombstones" WHERE "ConnectionId" = @ConnectionId AND "VendorCallId" IN ({0})
        """;
}
