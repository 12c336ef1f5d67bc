using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeletionJobVendorDeletes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConfirmedByName",
                table: "DeletionJobs",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConfirmedByUserId",
                table: "DeletionJobs",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RequestedBy",
                table: "DeletionJobs",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "VendorDeletedCount",
                table: "DeletionJobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "VendorFailedCount",
                table: "DeletionJobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "ConnectionId",
                table: "DeletionJobItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "HadTranscript",
                table: "DeletionJobItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "RecordingLinks",
                table: "DeletionJobItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "VendorCallId",
                table: "DeletionJobItems",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VendorError",
                table: "DeletionJobItems",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "VendorState",
                table: "DeletionJobItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "DeletionJobConnections",
                columns: table => new
                {
                    JobId = table.Column<long>(type: "INTEGER", nullable: false),
                    ConnectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Vendor = table.Column<int>(type: "INTEGER", nullable: false),
                    VendorCanDelete = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeletionJobConnections", x => new { x.JobId, x.ConnectionId });
                    table.ForeignKey(
                        name: "FK_DeletionJobConnections_DeletionJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "DeletionJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeletionJobItems_JobId_VendorState",
                table: "DeletionJobItems",
                columns: new[] { "JobId", "VendorState" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeletionJobConnections");

            migrationBuilder.DropIndex(
                name: "IX_DeletionJobItems_JobId_VendorState",
                table: "DeletionJobItems");

            migrationBuilder.DropColumn(
                name: "ConfirmedByName",
                table: "DeletionJobs");

            migrationBuilder.DropColumn(
                name: "ConfirmedByUserId",
                table: "DeletionJobs");

            migrationBuilder.DropColumn(
                name: "RequestedBy",
                table: "DeletionJobs");

            migrationBuilder.DropColumn(
                name: "VendorDeletedCount",
                table: "DeletionJobs");

            migrationBuilder.DropColumn(
                name: "VendorFailedCount",
                table: "DeletionJobs");

            migrationBuilder.DropColumn(
                name: "ConnectionId",
                table: "DeletionJobItems");

            migrationBuilder.DropColumn(
                name: "HadTranscript",
                table: "DeletionJobItems");

            migrationBuilder.DropColumn(
                name: "RecordingLinks",
                table: "DeletionJobItems");

            migrationBuilder.DropColumn(
                name: "VendorCallId",
                table: "DeletionJobItems");

            migrationBuilder.DropColumn(
                name: "VendorError",
                table: "DeletionJobItems");

            migrationBuilder.DropColumn(
                name: "VendorState",
                table: "DeletionJobItems");
        }
    }
}
