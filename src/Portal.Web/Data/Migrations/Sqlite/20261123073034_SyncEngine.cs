using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DownloadUrl",
                table: "Recordings",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CallRollups",
                columns: table => new
                {
                    HourUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConnectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Extension = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Direction = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    Calls = table.Column<int>(type: "INTEGER", nullable: false),
                    TalkSeconds = table.Column<long>(type: "INTEGER", nullable: false),
                    RingSeconds = table.Column<long>(type: "INTEGER", nullable: false),
                    RingCalls = table.Column<int>(type: "INTEGER", nullable: false),
                    Talk0 = table.Column<int>(type: "INTEGER", nullable: false),
                    Talk1 = table.Column<int>(type: "INTEGER", nullable: false),
                    Talk2 = table.Column<int>(type: "INTEGER", nullable: false),
                    Talk3 = table.Column<int>(type: "INTEGER", nullable: false),
                    Talk4 = table.Column<int>(type: "INTEGER", nullable: false),
                    Talk5 = table.Column<int>(type: "INTEGER", nullable: false),
                    Talk6 = table.Column<int>(type: "INTEGER", nullable: false),
                    Talk7 = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConnectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    VendorKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RawPayload = table.Column<string>(type: "TEXT", nullable: true),
                    FirstSeenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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

            // Full-text search over transcripts and summaries: an FTS5 index kept in step by triggers.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE \"TranscriptSearch\" USING fts5(\"SearchText\", content='Transcripts', content_rowid='CallId');");
            migrationBuilder.Sql("CREATE TRIGGER \"Transcripts_SearchInsert\" AFTER INSERT ON \"Transcripts\" BEGIN INSERT INTO \"TranscriptSearch\"(rowid, \"SearchText\") VALUES (new.\"CallId\", new.\"SearchText\"); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"Transcripts_SearchDelete\" AFTER DELETE ON \"Transcripts\" BEGIN INSERT INTO \"TranscriptSearch\"(\"TranscriptSearch\", rowid, \"SearchText\") VALUES ('delete', old.\"CallId\", old.\"SearchText\"); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"Transcripts_SearchUpdate\" AFTER UPDATE ON \"Transcripts\" BEGIN INSERT INTO \"TranscriptSearch\"(\"TranscriptSearch\", rowid, \"SearchText\") VALUES ('delete', old.\"CallId\", old.\"SearchText\"); INSERT INTO \"TranscriptSearch\"(rowid, \"SearchText\") VALUES (new.\"CallId\", new.\"SearchText\"); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Transcripts_SearchUpdate\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Transcripts_SearchDelete\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Transcripts_SearchInsert\";");
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"TranscriptSearch\";");

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
