using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChampionNetwork.Surveys.Data.Migrations
{
    /// <inheritdoc />
    public partial class SealedIntake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "submission_keys");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_pending",
                table: "outbox_messages");

            // Published rows went out already; from now on the relay deletes them as it publishes.
            migrationBuilder.Sql("DELETE FROM outbox_messages WHERE published");

            migrationBuilder.DropColumn(
                name: "published",
                table: "outbox_messages");

            migrationBuilder.AddColumn<Guid>(
                name: "campaign_id",
                table: "response_ledger",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<byte[]>(
                name: "key_tag",
                table: "response_ledger",
                type: "bytea",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "response_intake",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    @sealed = table.Column<byte[]>(name: "sealed", type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_response_intake", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_response_ledger_campaign_id",
                table: "response_ledger",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "IX_response_intake_campaign_id",
                table: "response_intake",
                column: "campaign_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "response_intake");

            migrationBuilder.DropIndex(
                name: "IX_response_ledger_campaign_id",
                table: "response_ledger");

            migrationBuilder.DropColumn(
                name: "campaign_id",
                table: "response_ledger");

            migrationBuilder.DropColumn(
                name: "key_tag",
                table: "response_ledger");

            migrationBuilder.AddColumn<bool>(
                name: "published",
                table: "outbox_messages",
                type: "boolean",
                nullable: false,
                defaultValue: false);

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
                name: "ix_outbox_messages_pending",
                table: "outbox_messages",
                column: "sequence",
                filter: "published = false");

            migrationBuilder.CreateIndex(
                name: "IX_submission_keys_campaign_id",
                table: "submission_keys",
                column: "campaign_id");
        }
    }
}
