using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class MemberPasswordAndVerification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EmailVerifiedAt",
                table: "Members",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "MsisdnVerifiedAt",
                table: "Members",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PasswordChangedAt",
                table: "Members",
                type: "TEXT",
                nullable: true);

            // Until now a password could only be set when the member was created.
            migrationBuilder.Sql("UPDATE Members SET PasswordChangedAt = CreatedAt WHERE PasswordHash IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EmailVerifiedAt",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "MsisdnVerifiedAt",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "PasswordChangedAt",
                table: "Members");
        }
    }
}
