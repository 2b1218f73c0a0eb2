using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Data;

namespace Portal.Tests.Data;

/// <summary>
/// A model change needs a migration: the model snapshot must equal the model, and a database built by the
/// migrations (the first ones were written by hand, before the EF design tools could be restored) must have
/// exactly the schema the model describes.
/// </summary>
public class MigrationsMatchModelTests
{
    [Fact]
    public void ModelHasNoChangesWithoutAMigration()
    {
        // The context dotnet ef builds, so this test and the tool compare the same model with the same snapshot.
        using var db = new PortalDbContextDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes that no migration holds. Add one: dotnet tool restore, then "
            + "dotnet ef migrations add <Name> --project src/Portal.Data");
    }

    [Fact]
    public void PostgreSqlModelHasNoChangesWithoutAMigration()
    {
        // PostgreSQL keeps its own migrations and snapshot (src/Portal.Data.PostgreSql), built by its design-time factory.
        using var db = new Portal.Data.PostgreSql.PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.True(db.Database.IsNpgsql());
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes that no PostgreSQL migration holds. Add one: dotnet tool restore, then "
            + "dotnet ef migrations add <Name> --project src/Portal.Data.PostgreSql");
    }

    [Fact]
    public async Task MigratedSchemaEqualsModelSchema()
    {
        using var migrated = new TestDatabase();
        using var fromModel = new TestDatabase();
        await using (var db = Create(migrated))
        {
            await db.Database.MigrateAsync();
        }
        await using (var db = Create(fromModel))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var expected = DescribeSchema(fromModel.ConnectionString);
        var actual = DescribeSchema(migrated.ConnectionString);

        Assert.NotEmpty(expected);
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            "The migrations do not build the model's schema. Write a migration for the model change.\n"
            + $"In the model but not in the migrated database:\n  {string.Join("\n  ", missing)}\n"
            + $"In the migrated database but not in the model:\n  {string.Join("\n  ", extra)}");
    }

    [Fact]
    public async Task EveryMigrationHasAnIdAndAppliesInOrder()
    {
        using var database = new TestDatabase();
        await using var db = Create(database);
        var all = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all.Order(StringComparer.Ordinal), all);

        await db.Database.MigrateAsync();
        Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task MigratingAnUpToDateDatabaseAgainChangesNothing()
    {
        // Databases migrated before the model snapshot existed hold the same migration ids, so startup's Migrate()
        // finds nothing to apply and no pending model change to refuse.
        using var database = new TestDatabase();
        await using (var db = Create(database))
        {
            await db.Database.MigrateAsync();
        }
        var historyBefore = database.Scalar("SELECT count(*) FROM \"__EFMigrationsHistory\"");

        await using (var db = Create(database))
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            await db.Database.MigrateAsync();
        }

        Assert.Equal(historyBefore, database.Scalar("SELECT count(*) FROM \"__EFMigrationsHistory\""));
    }

    [Fact]
    public void LatestMigrationCarriesTheModelItLeaves()
    {
        // `dotnet ef migrations remove` restores the model snapshot from the previous migration's target model
        // (its .Designer.cs); a migration without one has an empty target model, and the snapshot would be emptied.
        using var db = new PortalDbContextDesignTimeFactory().CreateDbContext([]);
        var migrations = db.GetService<IMigrationsAssembly>();
        var latest = migrations.CreateMigration(migrations.Migrations.Last().Value, db.Database.ProviderName!);

        var snapshotEntities = migrations.ModelSnapshot!.Model.GetEntityTypes().Select(e => e.Name).Order();
        Assert.NotEmpty(snapshotEntities);
        Assert.Equal(snapshotEntities, latest.TargetModel!.GetEntityTypes().Select(e => e.Name).Order());
    }

    private static PortalDbContext Create(TestDatabase database) =>
        new(PortalDataServiceCollectionExtensions.Configure(new DbContextOptionsBuilder<PortalDbContext>(), database.ConnectionString).Options as DbContextOptions<PortalDbContext>
            ?? throw new InvalidOperationException());

    /// <summary>One line per table, column, primary key, index and foreign key, in a stable order.</summary>
    private static SortedSet<string> DescribeSchema(string connectionString)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var tables = Query(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')")
            .Select(r => (Name: (string)r[0]!, Sql: (string)r[1]!)).ToList();
        foreach (var (table, sql) in tables)
        {
            lines.Add($"table {table} autoincrement={sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase)}");
            foreach (var c in Query(connection, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{table}')"))
            {
                lines.Add($"column {table}.{c[0]} type={c[1]} notnull={c[2]} default={c[3] ?? "none"} pk={c[4]}");
            }
            foreach (var f in Query(connection, $"SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('{table}')"))
            {
                lines.Add($"foreign key {table}.{f[1]} -> {f[0]}.{f[2]} on update {f[3]} on delete {f[4]}");
            }
        }
        // Index DDL names the index, its table, its columns in order, uniqueness and any filter.
        foreach (var i in Query(connection, "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')"))
        {
            lines.Add($"index {i[1]}.{i[0]}: {i[2]}");
        }
        return lines;
    }

    private static List<object?[]> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }
}
