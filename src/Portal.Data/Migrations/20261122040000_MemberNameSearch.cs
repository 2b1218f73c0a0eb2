using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Migrations;

/// <summary>
/// Lower-cased first and last names, indexed per club, so the member list's name search reads index ranges instead of
/// scanning every member with a case-insensitive LIKE (measured on a million members in bench/RESULTS.md).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122040000_MemberNameSearch")]
public partial class MemberNameSearch : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "FirstNameSearch", table: "Members", type: "TEXT", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<string>(name: "LastNameSearch", table: "Members", type: "TEXT", maxLength: 100, nullable: true);

        // Existing rows. SQL's lower() folds ASCII only, so the letters of the clubs' own languages are folded here by
        // hand; the app writes the columns with ToLowerInvariant from now on (Member.SearchKey).
        const string Fold = "lower(replace(replace(replace(replace(replace(replace(replace(replace(trim({0}), 'Æ', 'æ'), 'Ø', 'ø'), 'Å', 'å'), 'Ä', 'ä'), 'Ö', 'ö'), 'Ü', 'ü'), 'É', 'é'), 'È', 'è'))";
        migrationBuilder.Sql(
            "UPDATE \"Members\" SET " +
            $"\"FirstNameSearch\" = CASE WHEN trim(coalesce(\"FirstName\", '')) = '' THEN NULL ELSE {string.Format(System.Globalization.CultureInfo.InvariantCulture, Fold, "\"FirstName\"")} END, " +
            $"\"LastNameSearch\" = CASE WHEN trim(coalesce(\"LastName\", '')) = '' THEN NULL ELSE {string.Format(System.Globalization.CultureInfo.InvariantCulture, Fold, "\"LastName\"")} END;");

        migrationBuilder.CreateIndex(name: "IX_Members_ClubId_FirstNameSearch", table: "Members", columns: ["ClubId", "FirstNameSearch"]);
        migrationBuilder.CreateIndex(name: "IX_Members_ClubId_LastNameSearch", table: "Members", columns: ["ClubId", "LastNameSearch"]);

        // Fresh statistics for the table's indexes. Where the database has statistics for the old indexes only, the
        // planner guessed the new ones selective and sorted the whole club for the first page (4.6 s on a million
        // members, bench/RESULTS.md). ANALYZE of one table is standard SQL in SQLite and PostgreSQL alike.
        migrationBuilder.Sql("ANALYZE \"Members\";");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Members_ClubId_FirstNameSearch", table: "Members");
        migrationBuilder.DropIndex(name: "IX_Members_ClubId_LastNameSearch", table: "Members");
        migrationBuilder.DropColumn(name: "FirstNameSearch", table: "Members");
        migrationBuilder.DropColumn(name: "LastNameSearch", table: "Members");
    }
}
