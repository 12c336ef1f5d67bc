using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RollupGrainsBackfill : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(RollupBackfillSql.CoarserGrains("CallRollups", """date_trunc('day', "PeriodUtc", 'UTC')""", """date_trunc('month', "PeriodUtc", 'UTC')"""));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DELETE FROM "CallRollups" WHERE "Grain" <> 0;""");
        }
    }
}
