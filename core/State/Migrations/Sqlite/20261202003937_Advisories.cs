using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetOps.Core.State.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Advisories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "advisories",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    References = table.Column<string>(type: "TEXT", nullable: false),
                    AffectedProducts = table.Column<string>(type: "TEXT", nullable: false),
                    RecommendedActions = table.Column<string>(type: "TEXT", nullable: false),
                    TrackingId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Supersedes = table.Column<long>(type: "INTEGER", nullable: true),
                    Recipients = table.Column<string>(type: "TEXT", nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Approver = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Sender = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SendAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_advisories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "advisory_outbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AdvisoryId = table.Column<long>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedFrom = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_advisory_outbox", x => x.Id);
                    table.ForeignKey(
                        name: "FK_advisory_outbox_advisories_AdvisoryId",
                        column: x => x.AdvisoryId,
                        principalTable: "advisories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_advisories_State",
                table: "advisories",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_advisories_Supersedes",
                table: "advisories",
                column: "Supersedes");

            migrationBuilder.CreateIndex(
                name: "IX_advisory_outbox_AdvisoryId_Address",
                table: "advisory_outbox",
                columns: new[] { "AdvisoryId", "Address" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_advisory_outbox_ClaimedBy",
                table: "advisory_outbox",
                column: "ClaimedBy");

            migrationBuilder.CreateIndex(
                name: "IX_advisory_outbox_State_NextAttemptAt",
                table: "advisory_outbox",
                columns: new[] { "State", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "advisory_outbox");

            migrationBuilder.DropTable(
                name: "advisories");
        }
    }
}
