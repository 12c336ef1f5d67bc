using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ErasureLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ErasureLedger",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NumberHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FromUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ToUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reference = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ErasureLedger", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PortalSecrets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProtectedValue = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PortalSecrets", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ErasureLedger_NumberHash",
                table: "ErasureLedger",
                column: "NumberHash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ErasureLedger");

            migrationBuilder.DropTable(
                name: "PortalSecrets");
        }
    }
}
