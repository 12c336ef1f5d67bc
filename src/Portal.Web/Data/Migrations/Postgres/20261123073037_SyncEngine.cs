using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SyncEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Transcripts",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DownloadUrl",
                table: "Recordings",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CallRollups",
                columns: table => new
                {
                    HourUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConnectionId = table.Column<int>(type: "integer", nullable: false),
                    Extension = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Direction = table.Column<int>(type: "integer", nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    Calls = table.Column<int>(type: "integer", nullable: false),
                    TalkSeconds = table.Column<long>(type: "bigint", nullable: false),
                    RingSeconds = table.Column<long>(type: "bigint", nullable: false),
                    RingCalls = table.Column<int>(type: "integer", nullable: false),
                    Talk0 = table.Column<int>(type: "integer", nullable: false),
                    Talk1 = table.Column<int>(type: "integer", nullable: false),
                    Talk2 = table.Column<int>(type: "integer", nullable: false),
                    Talk3 = table.Column<int>(type: "integer", nullable: false),
                    Talk4 = table.Column<int>(type: "integer", nullable: false),
                    Talk5 = table.Column<int>(type: "integer", nullable: false),
                    Talk6 = table.Column<int>(type: "integer", nullable: false),
                    Talk7 = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallRollups", x => new { x.HourUtc, x.ConnectionId, x.Extension, x.Direction, x.Outcome });
                    table.ForeignKey(
                        name: "FK_CallRollups_Connections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "Connections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SkippedVendorRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConnectionId = table.Column<int>(type: "integer", nullable: false),
                    VendorKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RawPayload = table.Column<string>(type: "text", nullable: true),
                    FirstSeenAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SkippedVendorRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SkippedVendorRecords_Connections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "Connections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CallRollups_ConnectionId_HourUtc",
                table: "CallRollups",
                columns: new[] { "ConnectionId", "HourUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SkippedVendorRecords_ConnectionId_VendorKey",
                table: "SkippedVendorRecords",
                columns: new[] { "ConnectionId", "VendorKey" },
                unique: true);

            // Full-text search over transcripts and summaries: a generated tsvector with a GIN index.
            migrationBuilder.Sql("ALTER TABLE \"Transcripts\" ADD \"SearchVector\" tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(\"SearchText\", ''))) STORED;");
            migrationBuilder.Sql("CREATE INDEX \"IX_Transcripts_SearchVector\" ON \"Transcripts\" USING GIN (\"SearchVector\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Transcripts_SearchVector\";");
            migrationBuilder.Sql("ALTER TABLE \"Transcripts\" DROP COLUMN IF EXISTS \"SearchVector\";");

            migrationBuilder.DropTable(
                name: "CallRollups");

            migrationBuilder.DropTable(
                name: "SkippedVendorRecords");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Transcripts");

            migrationBuilder.DropColumn(
                name: "DownloadUrl",
                table: "Recordings");
        }
    }
}
