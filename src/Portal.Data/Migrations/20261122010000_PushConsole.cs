using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Migrations;

/// <summary>Firebase projects with their encrypted keys, and the push console's sends and per-token deliveries.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122010000_PushConsole")]
public partial class PushConsole : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "FirebaseProjects",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ClubId = table.Column<int>(type: "INTEGER", nullable: false),
                Slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                FcmProjectId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                ProtectedServiceAccount = table.Column<string>(type: "TEXT", nullable: false),
                ClientEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_FirebaseProjects", x => x.Id);
                table.ForeignKey("FK_FirebaseProjects_LoyaltyClubs_ClubId", x => x.ClubId, "LoyaltyClubs", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "PushSends",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ClubId = table.Column<int>(type: "INTEGER", nullable: false),
                MessageId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                ValidateOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                ContentJson = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                TargetDescription = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                Total = table.Column<int>(type: "INTEGER", nullable: false),
                Succeeded = table.Column<int>(type: "INTEGER", nullable: false),
                Failed = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PushSends", x => x.Id);
                table.ForeignKey("FK_PushSends_LoyaltyClubs_ClubId", x => x.ClubId, "LoyaltyClubs", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "PushDeliveries",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                PushSendId = table.Column<long>(type: "INTEGER", nullable: false),
                MemberId = table.Column<long>(type: "INTEGER", nullable: true),
                DeviceTokenId = table.Column<long>(type: "INTEGER", nullable: true),
                Token = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                Platform = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                FirebaseProjectSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                Success = table.Column<bool>(type: "INTEGER", nullable: false),
                FcmMessageName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                ErrorCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                ErrorMessage = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                SentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                DeliveredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PushDeliveries", x => x.Id);
                table.ForeignKey("FK_PushDeliveries_DeviceTokens_DeviceTokenId", x => x.DeviceTokenId, "DeviceTokens", "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_PushDeliveries_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_PushDeliveries_PushSends_PushSendId", x => x.PushSendId, "PushSends", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_FirebaseProjects_ClubId_Slug", "FirebaseProjects", new[] { "ClubId", "Slug" }, unique: true);
        migrationBuilder.CreateIndex("IX_PushSends_ClubId_CreatedAt", "PushSends", new[] { "ClubId", "CreatedAt" });
        migrationBuilder.CreateIndex("IX_PushSends_MessageId", "PushSends", "MessageId", unique: true);
        migrationBuilder.CreateIndex("IX_PushDeliveries_DeviceTokenId", "PushDeliveries", "DeviceTokenId");
        migrationBuilder.CreateIndex("IX_PushDeliveries_MemberId_SentAt", "PushDeliveries", new[] { "MemberId", "SentAt" });
        migrationBuilder.CreateIndex("IX_PushDeliveries_PushSendId", "PushDeliveries", "PushSendId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("PushDeliveries");
        migrationBuilder.DropTable("PushSends");
        migrationBuilder.DropTable("FirebaseProjects");
    }
}
