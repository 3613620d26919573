using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChampionNetwork.Surveys.Data.Migrations
{
    /// <inheritdoc />
    public partial class SubmissionKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "submission_keys",
                columns: table => new
                {
                    key_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    receipt_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_submission_keys", x => x.key_hash);
                });

            migrationBuilder.CreateIndex(
                name: "IX_submission_keys_campaign_id",
                table: "submission_keys",
                column: "campaign_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "submission_keys");
        }
    }
}
