using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Web.Data.Migrations.Sqlite
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
                type: "INTEGER",
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

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
