using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetOps.Core.State.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AdvisoryReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_advisory_outbox_AdvisoryId_Address",
                table: "advisory_outbox");

            migrationBuilder.AddColumn<int>(
                name: "Round",
                table: "advisory_outbox",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_advisory_outbox_AdvisoryId_Address_Round",
                table: "advisory_outbox",
                columns: new[] { "AdvisoryId", "Address", "Round" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_advisory_outbox_AdvisoryId_Address_Round",
                table: "advisory_outbox");

            migrationBuilder.DropColumn(
                name: "Round",
                table: "advisory_outbox");

            migrationBuilder.CreateIndex(
                name: "IX_advisory_outbox_AdvisoryId_Address",
                table: "advisory_outbox",
                columns: new[] { "AdvisoryId", "Address" },
                unique: true);
        }
    }
}
