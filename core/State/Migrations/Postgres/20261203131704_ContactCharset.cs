using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetOps.Core.State.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContactCharset : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Charset",
                table: "advisory_outbox",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "utf-8"); // rows from before the column: every mail was UTF-8

            migrationBuilder.AddColumn<string>(
                name: "Charset",
                table: "advisory_contacts",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "utf-8"); // rows from before the column: every mail was UTF-8
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Charset",
                table: "advisory_outbox");

            migrationBuilder.DropColumn(
                name: "Charset",
                table: "advisory_contacts");
        }
    }
}
