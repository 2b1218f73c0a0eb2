using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Migrations;

/// <summary>Admins can disable a user and require two-factor sign-in.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122030000_UserAdministration")]
public partial class UserAdministration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTime>("DisabledAt", "AspNetUsers", type: "TEXT", nullable: true);
        migrationBuilder.AddColumn<bool>("TwoFactorRequired", "AspNetUsers", type: "INTEGER", nullable: false, defaultValue: false);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("DisabledAt", "AspNetUsers");
        migrationBuilder.DropColumn("TwoFactorRequired", "AspNetUsers");
    }
}
