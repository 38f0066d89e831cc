using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetOps.Core.State.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SilenceRecurrence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RecurrenceDays",
                table: "silences",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RecurrenceMinutes",
                table: "silences",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "RecurrenceStart",
                table: "silences",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecurrenceTimeZone",
                table: "silences",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RecurrenceUntil",
                table: "silences",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RecurrenceDays",
                table: "silences");

            migrationBuilder.DropColumn(
                name: "RecurrenceMinutes",
                table: "silences");

            migrationBuilder.DropColumn(
                name: "RecurrenceStart",
                table: "silences");

            migrationBuilder.DropColumn(
                name: "RecurrenceTimeZone",
                table: "silences");

            migrationBuilder.DropColumn(
                name: "RecurrenceUntil",
                table: "silences");
        }
    }
}
