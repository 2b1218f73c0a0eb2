using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BackgroundJobRuns",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BackgroundJobRuns", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Xml = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LoyaltyClubs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    DefaultLanguage = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, collation: "C"),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LoyaltyClubs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ClaimType = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ClaimValue = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClubId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    SecretHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Permits = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, collation: "C"),
                    AccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastUsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiKeys_LoyaltyClubs_ClubId",
                        column: x => x.ClubId,
                        principalTable: "LoyaltyClubs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Applets",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    ClubId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    MediaUploadId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    ImageUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    AppletAccountId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    Test = table.Column<bool>(type: "boolean", nullable: false),
                    ArchivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExtensionsJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Applets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Applets_LoyaltyClubs_ClubId",
                        column: x => x.ClubId,
                        principalTable: "LoyaltyClubs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    DisplayName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CurrentClubId = table.Column<int>(type: "integer", nullable: true),
                    DisabledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TwoFactorRequired = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUsers_LoyaltyClubs_CurrentClubId",
                        column: x => x.CurrentClubId,
                        principalTable: "LoyaltyClubs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "AuditRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClubId = table.Column<int>(type: "integer", nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    ActorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Target = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    Details = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    RemoteIp = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, defaultValue: "", collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AuditRecords_LoyaltyClubs_ClubId",
                        column: x => x.ClubId,
                        principalTable: "LoyaltyClubs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ConsentDefinitions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClubId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, collation: "C"),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: "consent", collation: "C"),
                    VersionedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentDefinitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentDefinitions_LoyaltyClubs_ClubId",
                        column: x => x.ClubId,
                        principalTable: "LoyaltyClubs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FirebaseProjects",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClubId = table.Column<int>(type: "integer", nullable: false),
                    Slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    FcmProjectId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    ProtectedServiceAccount = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ClientEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FirebaseProjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FirebaseProjects_LoyaltyClubs_ClubId",
                        column: x => x.ClubId,
                        principalTable: "LoyaltyClubs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MemberProperties",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClubId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false, collation: "C"),
                    Label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    Required = table.Column<bool>(type: "boolean", nullable: false),
                    ChoicesJson = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    BuiltIn = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberProperties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MemberProperties_LoyaltyClubs_ClubId",
                        column: x => x.ClubId,
                        principalTable: "LoyaltyClubs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Members",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClubId = table.Column<int>(type: "integer", nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true, collation: "C"),
                    Msisdn = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true, collation: "C"),
                    FirstName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    LastName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    FirstNameSearch = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    LastNameSearch = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    PropertiesJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    SmsStatus = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    EmailStatus = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    PushStatus = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    OptinChannel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    OptinSubchannel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    PasswordHash = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    PasswordChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EmailVerifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MsisdnVerifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    BannedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AccountId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    TestAccount = table.Column<bool>(type: "boolean", nullable: false),
                    ExternalCustomerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    FavoriteStoresJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Members_LoyaltyClubs_ClubId",
                        column: x => x.ClubId,
                        principalTable: "LoyaltyClubs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OneTimeCodes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClubId = table.Column<int>(type: "integer", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    Destination = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false, collation: "C"),
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FailedAttempts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OneTimeCodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OneTimeCodes_LoyaltyClubs_ClubId",
                        column: x => x.ClubId,
                        principalTable: "LoyaltyClubs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClubId = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    Recipient = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false, collation: "C"),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false, collation: "C"),
                    Purpose = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboxMessages_LoyaltyClubs_ClubId",
                        column: x => x.ClubId,
                        principalTable: "LoyaltyClubs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PushSends",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClubId = table.Column<int>(type: "integer", nullable: false),
                    MessageId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    ValidateOnly = table.Column<bool>(type: "boolean", nullable: false),
                    ContentJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    TargetDescription = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Succeeded = table.Column<int>(type: "integer", nullable: false),
                    Failed = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PushSends", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PushSends_LoyaltyClubs_ClubId",
                        column: x => x.ClubId,
                        principalTable: "LoyaltyClubs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PushTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClubId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    ContentJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false, collation: "C"),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PushTemplates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PushTemplates_LoyaltyClubs_ClubId",
                        column: x => x.ClubId,
                        principalTable: "LoyaltyClubs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PushTestDevices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClubId = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Token = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false, collation: "C"),
                    FirebaseProjectSlug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Platform = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PushTestDevices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PushTestDevices_LoyaltyClubs_ClubId",
                        column: x => x.ClubId,
                        principalTable: "LoyaltyClubs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ClaimType = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ClaimValue = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ProviderKey = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    RoleId = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    LoginProvider = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Value = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClubGrants",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ClubId = table.Column<int>(type: "integer", nullable: false),
                    GrantedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClubGrants", x => new { x.UserId, x.ClubId });
                    table.ForeignKey(
                        name: "FK_ClubGrants_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClubGrants_LoyaltyClubs_ClubId",
                        column: x => x.ClubId,
                        principalTable: "LoyaltyClubs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AppletMemberships",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    ClubId = table.Column<int>(type: "integer", nullable: false),
                    AppletId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    AccountId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    Test = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppletMemberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AppletMemberships_Applets_AppletId",
                        column: x => x.AppletId,
                        principalTable: "Applets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AppletMemberships_LoyaltyClubs_ClubId",
                        column: x => x.ClubId,
                        principalTable: "LoyaltyClubs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AppletMemberships_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsentChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClubId = table.Column<int>(type: "integer", nullable: false),
                    MemberId = table.Column<long>(type: "bigint", nullable: true),
                    ConsentDefinitionId = table.Column<int>(type: "integer", nullable: false),
                    DefinitionVersion = table.Column<int>(type: "integer", nullable: false),
                    OldStatus = table.Column<bool>(type: "boolean", nullable: true),
                    NewStatus = table.Column<bool>(type: "boolean", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    ClientName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    ActorType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    ActorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentChanges_ConsentDefinitions_ConsentDefinitionId",
                        column: x => x.ConsentDefinitionId,
                        principalTable: "ConsentDefinitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConsentChanges_LoyaltyClubs_ClubId",
                        column: x => x.ClubId,
                        principalTable: "LoyaltyClubs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConsentChanges_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "DeviceTokens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClubId = table.Column<int>(type: "integer", nullable: false),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    Token = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false, collation: "C"),
                    Platform = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, collation: "C"),
                    AppInstallationId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    FirebaseProjectSlug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    DeviceModel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    OsVersion = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true, collation: "C"),
                    AppVersion = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, collation: "C"),
                    InvalidReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    InvalidatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeviceTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeviceTokens_LoyaltyClubs_ClubId",
                        column: x => x.ClubId,
                        principalTable: "LoyaltyClubs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DeviceTokens_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MemberAccessTokens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    ApiKeyId = table.Column<int>(type: "integer", nullable: true),
                    AccessTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    RefreshTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RefreshExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberAccessTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MemberAccessTokens_ApiKeys_ApiKeyId",
                        column: x => x.ApiKeyId,
                        principalTable: "ApiKeys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_MemberAccessTokens_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MemberConsents",
                columns: table => new
                {
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    ConsentDefinitionId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberConsents", x => new { x.MemberId, x.ConsentDefinitionId });
                    table.ForeignKey(
                        name: "FK_MemberConsents_ConsentDefinitions_ConsentDefinitionId",
                        column: x => x.ConsentDefinitionId,
                        principalTable: "ConsentDefinitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MemberConsents_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PushDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PushSendId = table.Column<long>(type: "bigint", nullable: false),
                    MemberId = table.Column<long>(type: "bigint", nullable: true),
                    DeviceTokenId = table.Column<long>(type: "bigint", nullable: true),
                    Token = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false, collation: "C"),
                    Platform = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true, collation: "C"),
                    FirebaseProjectSlug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    Success = table.Column<bool>(type: "boolean", nullable: false),
                    FcmMessageName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    ErrorCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true, collation: "C"),
                    ErrorMessage = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeliveredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PushDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PushDeliveries_DeviceTokens_DeviceTokenId",
                        column: x => x.DeviceTokenId,
                        principalTable: "DeviceTokens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_PushDeliveries_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PushDeliveries_PushSends_PushSendId",
                        column: x => x.PushSendId,
                        principalTable: "PushSends",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_ClubId",
                table: "ApiKeys",
                column: "ClubId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_Prefix",
                table: "ApiKeys",
                column: "Prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AppletMemberships_AccountId_CreatedAt_Id",
                table: "AppletMemberships",
                columns: new[] { "AccountId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AppletMemberships_AppletId_MemberId",
                table: "AppletMemberships",
                columns: new[] { "AppletId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AppletMemberships_ClubId",
                table: "AppletMemberships",
                column: "ClubId");

            migrationBuilder.CreateIndex(
                name: "IX_AppletMemberships_MemberId",
                table: "AppletMemberships",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Applets_ClubId_Name",
                table: "Applets",
                columns: new[] { "ClubId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CurrentClubId",
                table: "AspNetUsers",
                column: "CurrentClubId");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_At",
                table: "AuditRecords",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_ClubId_At",
                table: "AuditRecords",
                columns: new[] { "ClubId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ClubGrants_ClubId",
                table: "ClubGrants",
                column: "ClubId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentChanges_ClubId_ChangedAt",
                table: "ConsentChanges",
                columns: new[] { "ClubId", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentChanges_ConsentDefinitionId",
                table: "ConsentChanges",
                column: "ConsentDefinitionId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentChanges_MemberId_ChangedAt",
                table: "ConsentChanges",
                columns: new[] { "MemberId", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentDefinitions_ClubId_Key",
                table: "ConsentDefinitions",
                columns: new[] { "ClubId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeviceTokens_ClubId_Status_LastSeenAt",
                table: "DeviceTokens",
                columns: new[] { "ClubId", "Status", "LastSeenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DeviceTokens_ClubId_Token",
                table: "DeviceTokens",
                columns: new[] { "ClubId", "Token" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeviceTokens_MemberId_AppInstallationId",
                table: "DeviceTokens",
                columns: new[] { "MemberId", "AppInstallationId" });

            migrationBuilder.CreateIndex(
                name: "IX_FirebaseProjects_ClubId_Slug",
                table: "FirebaseProjects",
                columns: new[] { "ClubId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LoyaltyClubs_Slug",
                table: "LoyaltyClubs",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MemberAccessTokens_AccessTokenHash",
                table: "MemberAccessTokens",
                column: "AccessTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MemberAccessTokens_ApiKeyId",
                table: "MemberAccessTokens",
                column: "ApiKeyId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberAccessTokens_MemberId",
                table: "MemberAccessTokens",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberAccessTokens_RefreshTokenHash",
                table: "MemberAccessTokens",
                column: "RefreshTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MemberConsents_ConsentDefinitionId_Status",
                table: "MemberConsents",
                columns: new[] { "ConsentDefinitionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MemberProperties_ClubId_Key",
                table: "MemberProperties",
                columns: new[] { "ClubId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Members_AccountId",
                table: "Members",
                column: "AccountId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Members_ClubId_CreatedAt",
                table: "Members",
                columns: new[] { "ClubId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_ClubId_Email",
                table: "Members",
                columns: new[] { "ClubId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Members_ClubId_ExternalCustomerId",
                table: "Members",
                columns: new[] { "ClubId", "ExternalCustomerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Members_ClubId_FirstNameSearch",
                table: "Members",
                columns: new[] { "ClubId", "FirstNameSearch" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_ClubId_LastName_FirstName",
                table: "Members",
                columns: new[] { "ClubId", "LastName", "FirstName" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_ClubId_LastNameSearch",
                table: "Members",
                columns: new[] { "ClubId", "LastNameSearch" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_ClubId_Msisdn",
                table: "Members",
                columns: new[] { "ClubId", "Msisdn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OneTimeCodes_ClubId_Destination_Purpose",
                table: "OneTimeCodes",
                columns: new[] { "ClubId", "Destination", "Purpose" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_ClubId_CreatedAt",
                table: "OutboxMessages",
                columns: new[] { "ClubId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PushDeliveries_DeviceTokenId",
                table: "PushDeliveries",
                column: "DeviceTokenId");

            migrationBuilder.CreateIndex(
                name: "IX_PushDeliveries_MemberId_SentAt",
                table: "PushDeliveries",
                columns: new[] { "MemberId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PushDeliveries_PushSendId",
                table: "PushDeliveries",
                column: "PushSendId");

            migrationBuilder.CreateIndex(
                name: "IX_PushSends_ClubId_CreatedAt",
                table: "PushSends",
                columns: new[] { "ClubId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PushSends_MessageId",
                table: "PushSends",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PushTemplates_ClubId_Name",
                table: "PushTemplates",
                columns: new[] { "ClubId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PushTestDevices_ClubId_Token",
                table: "PushTestDevices",
                columns: new[] { "ClubId", "Token" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AppletMemberships");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditRecords");

            migrationBuilder.DropTable(
                name: "BackgroundJobRuns");

            migrationBuilder.DropTable(
                name: "ClubGrants");

            migrationBuilder.DropTable(
                name: "ConsentChanges");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "FirebaseProjects");

            migrationBuilder.DropTable(
                name: "MemberAccessTokens");

            migrationBuilder.DropTable(
                name: "MemberConsents");

            migrationBuilder.DropTable(
                name: "MemberProperties");

            migrationBuilder.DropTable(
                name: "OneTimeCodes");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "PushDeliveries");

            migrationBuilder.DropTable(
                name: "PushTemplates");

            migrationBuilder.DropTable(
                name: "PushTestDevices");

            migrationBuilder.DropTable(
                name: "Applets");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "ConsentDefinitions");

            migrationBuilder.DropTable(
                name: "DeviceTokens");

            migrationBuilder.DropTable(
                name: "PushSends");

            migrationBuilder.DropTable(
                name: "Members");

            migrationBuilder.DropTable(
                name: "LoyaltyClubs");
        }
    }
}
