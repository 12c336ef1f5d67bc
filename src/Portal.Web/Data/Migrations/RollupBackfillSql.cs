namespace Portal.Web.Data.Migrations;

/// <summary>The coarser rollup grains computed from the hourly rollups already stored (RollupGrainsBackfill, both providers).</summary>
internal static class RollupBackfillSql
{
    private const string Columns = """
        "Grain", "PeriodUtc", "ConnectionId", "Extension", "Direction", "Outcome", "Calls", "TalkSeconds", "RingSeconds", "RingCalls",
            "Talk0", "Talk1", "Talk2", "Talk3", "Talk4", "Talk5", "Talk6", "Talk7"
        """;

    private const string Sums = """
        SUM("Calls"), SUM("TalkSeconds"), SUM("RingSeconds"), SUM("RingCalls"),
            SUM("Talk0"), SUM("Talk1"), SUM("Talk2"), SUM("Talk3"), SUM("Talk4"), SUM("Talk5"), SUM("Talk6"), SUM("Talk7")
        """;

    public static string CopyHours(string from, string to) => $"""
        INSERT INTO "{to}" ({Columns}) SELECT {Columns} FROM "{from}" WHERE "Grain" = 0;
        """;

    /// <summary>Day (1), hour over all extensions (2) and month (3) rows from the hour rows (0) of <paramref name="table"/>.</summary>
    public static string CoarserGrains(string table, string dayOf, string monthOf) => $"""
        INSERT INTO "{table}" ({Columns})
        SELECT 1, {dayOf}, "ConnectionId", "Extension", "Direction", "Outcome", {Sums}
        FROM "{table}" WHERE "Grain" = 0 GROUP BY {dayOf}, "ConnectionId", "Extension", "Direction", "Outcome";
        INSERT INTO "{table}" ({Columns})
        SELECT 2, "PeriodUtc", "ConnectionId", '', "Direction", "Outcome", {Sums}
        FROM "{table}" WHERE "Grain" = 0 GROUP BY "PeriodUtc", "ConnectionId", "Direction", "Outcome";
        INSERT INTO "{table}" ({Columns})
        SELECT 3, {monthOf}, "ConnectionId", "Extension", "Direction", "Outcome", {Sums}
        FROM "{table}" WHERE "Grain" = 0 GROUP BY {monthOf}, "ConnectionId", "Extension", "Direction", "Outcome";
        """;
}
