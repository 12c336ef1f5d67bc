using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RollupGrainsBackfill : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // WITHOUT ROWID: rows are stored in key order, so a dashboard reads one grain's range in one sequential pass.
            // (An EF-generated rebuild of this table would drop this clause; keep it when changing the table.)
            migrationBuilder.Sql("""
                CREATE TABLE "CallRollups_new" (
                    "Grain" INTEGER NOT NULL,
                    "PeriodUtc" TEXT NOT NULL,
                    "ConnectionId" INTEGER NOT NULL,
                    "Extension" TEXT NOT NULL,
                    "Direction" INTEGER NOT NULL,
                    "Outcome" INTEGER NOT NULL,
                    "Calls" INTEGER NOT NULL,
                    "RingCalls" INTEGER NOT NULL,
                    "RingSeconds" INTEGER NOT NULL,
                    "Talk0" INTEGER NOT NULL,
                    "Talk1" INTEGER NOT NULL,
                    "Talk2" INTEGER NOT NULL,
                    "Talk3" INTEGER NOT NULL,
                    "Talk4" INTEGER NOT NULL,
                    "Talk5" INTEGER NOT NULL,
                    "Talk6" INTEGER NOT NULL,
                    "Talk7" INTEGER NOT NULL,
                    "TalkSeconds" INTEGER NOT NULL,
                    CONSTRAINT "PK_CallRollups" PRIMARY KEY ("Grain", "PeriodUtc", "ConnectionId", "Extension", "Direction", "Outcome"),
                    CONSTRAINT "FK_CallRollups_Connections_ConnectionId" FOREIGN KEY ("ConnectionId") REFERENCES "Connections" ("Id") ON DELETE CASCADE
                ) WITHOUT ROWID;
                """);
            migrationBuilder.Sql(RollupBackfillSql.CopyHours("CallRollups", "CallRollups_new"));
            migrationBuilder.Sql(RollupBackfillSql.CoarserGrains("CallRollups_new", """substr("PeriodUtc", 1, 10) || ' 00:00:00'""",
                """substr("PeriodUtc", 1, 7) || '-01 00:00:00'"""));
            migrationBuilder.Sql("""
                DROP TABLE "CallRollups";
                ALTER TABLE "CallRollups_new" RENAME TO "CallRollups";
                CREATE INDEX "IX_CallRollups_ConnectionId_Grain_PeriodUtc" ON "CallRollups" ("ConnectionId", "Grain", "PeriodUtc");
                CREATE INDEX "IX_CallRollups_Grain_Extension_PeriodUtc" ON "CallRollups" ("Grain", "Extension", "PeriodUtc");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DELETE FROM "CallRollups" WHERE "Grain" <> 0;""");
        }
    }
}
