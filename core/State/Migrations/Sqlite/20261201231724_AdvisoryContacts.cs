using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetOps.Core.State.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AdvisoryContacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "advisory_contacts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_advisory_contacts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_advisory_contacts_Code_Address",
                table: "advisory_contacts",
                columns: new[] { "Code", "Address" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "advisory_contacts");
        }
    }
}
