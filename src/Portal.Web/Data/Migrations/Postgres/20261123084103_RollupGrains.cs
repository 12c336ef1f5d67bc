using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RollupGrains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_CallRollups",
                table: "CallRollups");

            migrationBuilder.DropIndex(
                name: "IX_CallRollups_ConnectionId_HourUtc",
                table: "CallRollups");

            migrationBuilder.RenameColumn(
                name: "HourUtc",
                table: "CallRollups",
                newName: "PeriodUtc");

            migrationBuilder.AddColumn<int>(
                name: "Grain",
                table: "CallRollups",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_CallRollups",
                table: "CallRollups",
                columns: new[] { "Grain", "PeriodUtc", "ConnectionId", "Extension", "Direction", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_CallRollups_ConnectionId_Grain_PeriodUtc",
                table: "CallRollups",
                columns: new[] { "ConnectionId", "Grain", "PeriodUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CallRollups_Grain_Extension_PeriodUtc",
                table: "CallRollups",
                columns: new[] { "Grain", "Extension", "PeriodUtc" });

            // The calls already stored count in the new grains too: days per extension, hours over all extensions.
            migrationBuilder.Sql("""
                INSERT INTO "CallRollups" ("Grain", "PeriodUtc", "ConnectionId", "Extension", "Direction", "Outcome", "Calls", "TalkSeconds",
                    "RingSeconds", "RingCalls", "Talk0", "Talk1", "Talk2", "Talk3", "Talk4", "Talk5", "Talk6", "Talk7")
                SELECT 1, date_trunc('day', "PeriodUtc"), "ConnectionId", "Extension", "Direction", "Outcome", SUM("Calls"), SUM("TalkSeconds"), SUM("RingSeconds"),
                    SUM("RingCalls"), SUM("Talk0"), SUM("Talk1"), SUM("Talk2"), SUM("Talk3"), SUM("Talk4"), SUM("Talk5"), SUM("Talk6"), SUM("Talk7")
                FROM "CallRollups" WHERE "Grain" = 0 GROUP BY date_trunc('day', "PeriodUtc"), "ConnectionId", "Extension", "Direction", "Outcome";
                INSERT INTO "CallRollups" ("Grain", "PeriodUtc", "ConnectionId", "Extension", "Direction", "Outcome", "Calls", "TalkSeconds",
                    "RingSeconds", "RingCalls", "Talk0", "Talk1", "Talk2", "Talk3", "Talk4", "Talk5", "Talk6", "Talk7")
                SELECT 2, "PeriodUtc", "ConnectionId", '', "Direction", "Outcome", SUM("Calls"), SUM("TalkSeconds"), SUM("RingSeconds"),
                    SUM("RingCalls"), SUM("Talk0"), SUM("Talk1"), SUM("Talk2"), SUM("Talk3"), SUM("Talk4"), SUM("Talk5"), SUM("Talk6"), SUM("Talk7")
                FROM "CallRollups" WHERE "Grain" = 0 GROUP BY "PeriodUtc", "ConnectionId", "Direction", "Outcome";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DELETE FROM "CallRollups" WHERE "Grain" <> 0;""");

            migrationBuilder.DropPrimaryKey(
                name: "PK_CallRollups",
                table: "CallRollups");

            migrationBuilder.DropIndex(
                name: "IX_CallRollups_ConnectionId_Grain_PeriodUtc",
                table: "CallRollups");

            migrationBuilder.DropIndex(
                name: "IX_CallRollups_Grain_Extension_PeriodUtc",
                table: "CallRollups");

            migrationBuilder.DropColumn(
                name: "Grain",
                table: "CallRollups");

            migrationBuilder.RenameColumn(
                name: "PeriodUtc",
                table: "CallRollups",
                newName: "HourUtc");

            migrationBuilder.AddPrimaryKey(
                name: "PK_CallRollups",
                table: "CallRollups",
                columns: new[] { "HourUtc", "ConnectionId", "Extension", "Direction", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_CallRollups_ConnectionId_HourUtc",
                table: "CallRollups",
                columns: new[] { "ConnectionId", "HourUtc" });
        }
    }
}
