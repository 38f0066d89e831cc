using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetOps.Core.State.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RecurrenceMinutes",
                table: "silences",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "RecurrenceStart",
                table: "silences",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecurrenceTimeZone",
                table: "silences",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RecurrenceUntil",
                table: "silences",
                type: "TEXT",
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
