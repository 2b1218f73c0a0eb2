using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConsentKindAndVersionDate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "ConsentDefinitions",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                defaultValue: "consent");

            migrationBuilder.AddColumn<DateTime>(
                name: "VersionedAt",
                table: "ConsentDefinitions",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // Existing texts: the last change is the best date known for their current version.
            migrationBuilder.Sql("UPDATE ConsentDefinitions SET VersionedAt = UpdatedAt;");

            // SQLite adds a NOT NULL column only with a default; the model has none (the app always sets the date), so
            // the default goes again (EF rebuilds the table for this).
            migrationBuilder.AlterColumn<DateTime>(
                name: "VersionedAt",
                table: "ConsentDefinitions",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "TEXT",
                oldDefaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Kind",
                table: "ConsentDefinitions");

            migrationBuilder.DropColumn(
                name: "VersionedAt",
                table: "ConsentDefinitions");
        }
    }
}
