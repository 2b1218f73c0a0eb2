using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Migrations;

/// <summary>
/// Identity tables, clubs and their grants, API keys, members with their schema, consents and history,
/// member access tokens, push device tokens, applets and their memberships, one-time codes, the outbox and the audit log. Written by hand (the EF Core design
/// tools could not be restored then); MigrationsMatchModelTests proves the migrations build the model's schema.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122000000_InitialSchema")]
public partial class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AspNetRoles",
            columns: table => new
            {
                Id = table.Column<string>(type: "TEXT", nullable: false),
                Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_AspNetRoles", x => x.Id));

        migrationBuilder.CreateTable(
            name: "LoyaltyClubs",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                Slug = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                DefaultLanguage = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_LoyaltyClubs", x => x.Id));

        migrationBuilder.CreateTable(
            name: "AspNetRoleClaims",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                RoleId = table.Column<string>(type: "TEXT", nullable: false),
                ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                ClaimValue = table.Column<string>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                table.ForeignKey("FK_AspNetRoleClaims_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUsers",
            columns: table => new
            {
                Id = table.Column<string>(type: "TEXT", nullable: false),
                DisplayName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                CurrentClubId = table.Column<int>(type: "INTEGER", nullable: true),
                UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                table.ForeignKey("FK_AspNetUsers_LoyaltyClubs_CurrentClubId", x => x.CurrentClubId, "LoyaltyClubs", "Id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "ApiKeys",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ClubId = table.Column<int>(type: "INTEGER", nullable: false),
                Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                SecretHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Permits = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                AccountId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                LastUsedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ApiKeys", x => x.Id);
                table.ForeignKey("FK_ApiKeys_LoyaltyClubs_ClubId", x => x.ClubId, "LoyaltyClubs", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Members",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ClubId = table.Column<int>(type: "INTEGER", nullable: false),
                Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                Msisdn = table.Column<string>(type: "TEXT", maxLength: 15, nullable: true),
                FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                PropertiesJson = table.Column<string>(type: "TEXT", nullable: false),
                SmsStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                EmailStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                PushStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                OptinChannel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                OptinSubchannel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                BannedUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                AccountId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                TestAccount = table.Column<bool>(type: "INTEGER", nullable: false),
                ExternalCustomerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                FavoriteStoresJson = table.Column<string>(type: "TEXT", nullable: false),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Members", x => x.Id);
                table.ForeignKey("FK_Members_LoyaltyClubs_ClubId", x => x.ClubId, "LoyaltyClubs", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserClaims",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                UserId = table.Column<string>(type: "TEXT", nullable: false),
                ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                ClaimValue = table.Column<string>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                table.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserLogins",
            columns: table => new
            {
                LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                UserId = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                table.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserRoles",
            columns: table => new
            {
                UserId = table.Column<string>(type: "TEXT", nullable: false),
                RoleId = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                table.ForeignKey("FK_AspNetUserRoles_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_AspNetUserRoles_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserTokens",
            columns: table => new
            {
                UserId = table.Column<string>(type: "TEXT", nullable: false),
                LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                Name = table.Column<string>(type: "TEXT", nullable: false),
                Value = table.Column<string>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                table.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ClubGrants",
            columns: table => new
            {
                UserId = table.Column<string>(type: "TEXT", nullable: false),
                ClubId = table.Column<int>(type: "INTEGER", nullable: false),
                GrantedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ClubGrants", x => new { x.UserId, x.ClubId });
                table.ForeignKey("FK_ClubGrants_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ClubGrants_LoyaltyClubs_ClubId", x => x.ClubId, "LoyaltyClubs", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "MemberProperties",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ClubId = table.Column<int>(type: "INTEGER", nullable: false),
                Key = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                Label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                Required = table.Column<bool>(type: "INTEGER", nullable: false),
                ChoicesJson = table.Column<string>(type: "TEXT", nullable: true),
                Position = table.Column<int>(type: "INTEGER", nullable: false),
                BuiltIn = table.Column<bool>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MemberProperties", x => x.Id);
                table.ForeignKey("FK_MemberProperties_LoyaltyClubs_ClubId", x => x.ClubId, "LoyaltyClubs", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ConsentDefinitions",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ClubId = table.Column<int>(type: "INTEGER", nullable: false),
                Key = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
                Active = table.Column<bool>(type: "INTEGER", nullable: false),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConsentDefinitions", x => x.Id);
                table.ForeignKey("FK_ConsentDefinitions_LoyaltyClubs_ClubId", x => x.ClubId, "LoyaltyClubs", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "MemberConsents",
            columns: table => new
            {
                MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                ConsentDefinitionId = table.Column<int>(type: "INTEGER", nullable: false),
                Status = table.Column<bool>(type: "INTEGER", nullable: false),
                UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MemberConsents", x => new { x.MemberId, x.ConsentDefinitionId });
                table.ForeignKey("FK_MemberConsents_ConsentDefinitions_ConsentDefinitionId", x => x.ConsentDefinitionId, "ConsentDefinitions", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_MemberConsents_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ConsentChanges",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ClubId = table.Column<int>(type: "INTEGER", nullable: false),
                MemberId = table.Column<long>(type: "INTEGER", nullable: true),
                ConsentDefinitionId = table.Column<int>(type: "INTEGER", nullable: false),
                DefinitionVersion = table.Column<int>(type: "INTEGER", nullable: false),
                OldStatus = table.Column<bool>(type: "INTEGER", nullable: true),
                NewStatus = table.Column<bool>(type: "INTEGER", nullable: false),
                ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                ClientName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                ActorType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                ActorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConsentChanges", x => x.Id);
                table.ForeignKey("FK_ConsentChanges_ConsentDefinitions_ConsentDefinitionId", x => x.ConsentDefinitionId, "ConsentDefinitions", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_ConsentChanges_LoyaltyClubs_ClubId", x => x.ClubId, "LoyaltyClubs", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_ConsentChanges_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "MemberAccessTokens",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                ApiKeyId = table.Column<int>(type: "INTEGER", nullable: true),
                AccessTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                RefreshTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                RefreshExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MemberAccessTokens", x => x.Id);
                table.ForeignKey("FK_MemberAccessTokens_ApiKeys_ApiKeyId", x => x.ApiKeyId, "ApiKeys", "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_MemberAccessTokens_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "OneTimeCodes",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ClubId = table.Column<int>(type: "INTEGER", nullable: false),
                Purpose = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                Destination = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                UsedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OneTimeCodes", x => x.Id);
                table.ForeignKey("FK_OneTimeCodes_LoyaltyClubs_ClubId", x => x.ClubId, "LoyaltyClubs", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "OutboxMessages",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ClubId = table.Column<int>(type: "INTEGER", nullable: false),
                Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                Recipient = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                Body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                Purpose = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                table.ForeignKey("FK_OutboxMessages_LoyaltyClubs_ClubId", x => x.ClubId, "LoyaltyClubs", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AuditRecords",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ClubId = table.Column<int>(type: "INTEGER", nullable: true),
                At = table.Column<DateTime>(type: "TEXT", nullable: false),
                ActorType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                ActorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Target = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                Details = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                RemoteIp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AuditRecords", x => x.Id);
                table.ForeignKey("FK_AuditRecords_LoyaltyClubs_ClubId", x => x.ClubId, "LoyaltyClubs", "Id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "DeviceTokens",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ClubId = table.Column<int>(type: "INTEGER", nullable: false),
                MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                Token = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                Platform = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                AppInstallationId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                FirebaseProjectSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                DeviceModel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                OsVersion = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                AppVersion = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                LastSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                InvalidReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                InvalidatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DeviceTokens", x => x.Id);
                table.ForeignKey("FK_DeviceTokens_LoyaltyClubs_ClubId", x => x.ClubId, "LoyaltyClubs", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_DeviceTokens_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Applets",
            columns: table => new
            {
                Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                ClubId = table.Column<int>(type: "INTEGER", nullable: false),
                Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                MediaUploadId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                ImageUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                AppletAccountId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                Test = table.Column<bool>(type: "INTEGER", nullable: false),
                ArchivedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                ExtensionsJson = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Applets", x => x.Id);
                table.ForeignKey("FK_Applets_LoyaltyClubs_ClubId", x => x.ClubId, "LoyaltyClubs", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "AppletMemberships",
            columns: table => new
            {
                Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                ClubId = table.Column<int>(type: "INTEGER", nullable: false),
                AppletId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                AccountId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                CreatedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                Test = table.Column<bool>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AppletMemberships", x => x.Id);
                table.ForeignKey("FK_AppletMemberships_Applets_AppletId", x => x.AppletId, "Applets", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_AppletMemberships_LoyaltyClubs_ClubId", x => x.ClubId, "LoyaltyClubs", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_AppletMemberships_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_AspNetRoleClaims_RoleId", "AspNetRoleClaims", "RoleId");
        migrationBuilder.CreateIndex("RoleNameIndex", "AspNetRoles", "NormalizedName", unique: true);
        migrationBuilder.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");
        migrationBuilder.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");
        migrationBuilder.CreateIndex("IX_AspNetUserRoles_RoleId", "AspNetUserRoles", "RoleId");
        migrationBuilder.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        migrationBuilder.CreateIndex("IX_AspNetUsers_CurrentClubId", "AspNetUsers", "CurrentClubId");
        migrationBuilder.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
        migrationBuilder.CreateIndex("IX_ApiKeys_ClubId", "ApiKeys", "ClubId");
        migrationBuilder.CreateIndex("IX_ApiKeys_Prefix", "ApiKeys", "Prefix", unique: true);
        migrationBuilder.CreateIndex("IX_ClubGrants_ClubId", "ClubGrants", "ClubId");
        migrationBuilder.CreateIndex("IX_LoyaltyClubs_Slug", "LoyaltyClubs", "Slug", unique: true);
        migrationBuilder.CreateIndex("IX_Members_ClubId_CreatedAt", "Members", new[] { "ClubId", "CreatedAt" });
        migrationBuilder.CreateIndex("IX_Members_ClubId_Email", "Members", new[] { "ClubId", "Email" }, unique: true);
        migrationBuilder.CreateIndex("IX_Members_ClubId_LastName_FirstName", "Members", new[] { "ClubId", "LastName", "FirstName" });
        migrationBuilder.CreateIndex("IX_Members_ClubId_Msisdn", "Members", new[] { "ClubId", "Msisdn" }, unique: true);
        migrationBuilder.CreateIndex("IX_MemberProperties_ClubId_Key", "MemberProperties", new[] { "ClubId", "Key" }, unique: true);
        migrationBuilder.CreateIndex("IX_ConsentDefinitions_ClubId_Key", "ConsentDefinitions", new[] { "ClubId", "Key" }, unique: true);
        migrationBuilder.CreateIndex("IX_MemberConsents_ConsentDefinitionId_Status", "MemberConsents", new[] { "ConsentDefinitionId", "Status" });
        migrationBuilder.CreateIndex("IX_ConsentChanges_ClubId_ChangedAt", "ConsentChanges", new[] { "ClubId", "ChangedAt" });
        migrationBuilder.CreateIndex("IX_ConsentChanges_ConsentDefinitionId", "ConsentChanges", "ConsentDefinitionId");
        migrationBuilder.CreateIndex("IX_ConsentChanges_MemberId_ChangedAt", "ConsentChanges", new[] { "MemberId", "ChangedAt" });
        migrationBuilder.CreateIndex("IX_MemberAccessTokens_AccessTokenHash", "MemberAccessTokens", "AccessTokenHash", unique: true);
        migrationBuilder.CreateIndex("IX_MemberAccessTokens_ApiKeyId", "MemberAccessTokens", "ApiKeyId");
        migrationBuilder.CreateIndex("IX_MemberAccessTokens_MemberId", "MemberAccessTokens", "MemberId");
        migrationBuilder.CreateIndex("IX_MemberAccessTokens_RefreshTokenHash", "MemberAccessTokens", "RefreshTokenHash", unique: true);
        migrationBuilder.CreateIndex("IX_OneTimeCodes_ClubId_Destination_Purpose", "OneTimeCodes", new[] { "ClubId", "Destination", "Purpose" });
        migrationBuilder.CreateIndex("IX_OutboxMessages_ClubId_CreatedAt", "OutboxMessages", new[] { "ClubId", "CreatedAt" });
        migrationBuilder.CreateIndex("IX_AuditRecords_At", "AuditRecords", "At");
        migrationBuilder.CreateIndex("IX_AuditRecords_ClubId_At", "AuditRecords", new[] { "ClubId", "At" });
        migrationBuilder.CreateIndex("IX_Members_AccountId", "Members", "AccountId", unique: true);
        migrationBuilder.CreateIndex("IX_Applets_ClubId_Name", "Applets", new[] { "ClubId", "Name" });
        migrationBuilder.CreateIndex("IX_AppletMemberships_AccountId_CreatedAt_Id", "AppletMemberships", new[] { "AccountId", "CreatedAt", "Id" });
        migrationBuilder.CreateIndex("IX_AppletMemberships_AppletId_MemberId", "AppletMemberships", new[] { "AppletId", "MemberId" }, unique: true);
        migrationBuilder.CreateIndex("IX_AppletMemberships_ClubId", "AppletMemberships", "ClubId");
        migrationBuilder.CreateIndex("IX_AppletMemberships_MemberId", "AppletMemberships", "MemberId");
        migrationBuilder.CreateIndex("IX_Members_ClubId_ExternalCustomerId", "Members", new[] { "ClubId", "ExternalCustomerId" }, unique: true);
        migrationBuilder.CreateIndex("IX_DeviceTokens_ClubId_Status_LastSeenAt", "DeviceTokens", new[] { "ClubId", "Status", "LastSeenAt" });
        migrationBuilder.CreateIndex("IX_DeviceTokens_ClubId_Token", "DeviceTokens", new[] { "ClubId", "Token" }, unique: true);
        migrationBuilder.CreateIndex("IX_DeviceTokens_MemberId_AppInstallationId", "DeviceTokens", new[] { "MemberId", "AppInstallationId" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[]
                 {
                     "AspNetRoleClaims", "AspNetUserClaims", "AspNetUserLogins", "AspNetUserRoles", "AspNetUserTokens",
                     "ClubGrants", "AppletMemberships", "Applets", "DeviceTokens", "MemberAccessTokens", "ApiKeys", "MemberConsents", "ConsentChanges", "ConsentDefinitions",
                     "MemberProperties", "OneTimeCodes", "OutboxMessages", "AuditRecords", "Members", "AspNetRoles", "AspNetUsers", "LoyaltyClubs",
                 })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
