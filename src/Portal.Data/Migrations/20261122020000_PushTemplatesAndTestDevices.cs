using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Migrations;

/// <summary>The push console's saved templates and test devices.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122020000_PushTemplatesAndTestDevices")]
public partial class PushTemplatesAndTestDevices : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "PushTemplates",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ClubId = table.Column<int>(type: "INTEGER", nullable: false),
                Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                ContentJson = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PushTemplates", x => x.Id);
                table.ForeignKey("FK_PushTemplates_LoyaltyClubs_ClubId", x => x.ClubId, "LoyaltyClubs", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "PushTestDevices",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ClubId = table.Column<int>(type: "INTEGER", nullable: false),
                Label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Token = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                FirebaseProjectSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Platform = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PushTestDevices", x => x.Id);
                table.ForeignKey("FK_PushTestDevices_LoyaltyClubs_ClubId", x => x.ClubId, "LoyaltyClubs", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_PushTemplates_ClubId_Name", "PushTemplates", new[] { "ClubId", "Name" }, unique: true);
        migrationBuilder.CreateIndex("IX_PushTestDevices_ClubId_Token", "PushTestDevices", new[] { "ClubId", "Token" }, unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("PushTemplates");
        migrationBuilder.DropTable("PushTestDevices");
    }
}
