using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using Portal.Testing;

namespace Portal.Bench;

/// <summary>
/// The database a run measures Portal on: the seeded SQLite file itself, or (<c>--postgres CONNECTION_STRING</c>) a
/// PostgreSQL database filled from that file by Portal's own <c>db copy --to</c>, the way an operator moves. The SQLite
/// file stays the source of the seed's secrets (<c>FILE.bench.json</c>) and of the rows the requests are made of: the
/// copy keeps every row with its id, so the API key, the token secret and the key ring are the same on both engines.
/// </summary>
public sealed record BenchTarget(string Db, string? PostgresConnectionString)
{
    public bool IsPostgreSql => PostgresConnectionString is not null;

    public string Engine => IsPostgreSql ? "PostgreSQL" : "SQLite";

    public static BenchTarget Sqlite(string db) => new(Path.GetFullPath(db), null);

    /// <summary><c>--db FILE</c> and the optional <c>--postgres CONNECTION_STRING</c>.</summary>
    public static BenchTarget FromArgs(BenchArgs args) => new(Path.GetFullPath(args.String("db")), args.Optional("postgres"));

    public BenchTarget OnSqlite() => this with { PostgresConnectionString = null };

    /// <summary>
    /// Portal's configuration for this target (configuration keys; <see cref="PortalEnvironment"/> has the same as
    /// environment variables). On PostgreSQL no key folder is configured: the key ring is the database's
    /// DataProtectionKeys table, where <c>db copy</c> imported the seed's keys.
    /// </summary>
    public Dictionary<string, string?> PortalSettings(SeedInfo info) => IsPostgreSql
        ? new()
        {
            ["Portal:Database"] = "PostgreSql",
            ["ConnectionStrings:Portal"] = PostgresConnectionString,
            ["Portal:DataProtectionKeysPath"] = null,
        }
        : new()
        {
            ["ConnectionStrings:Portal"] = PortalServicesHost.ConnectionString(Db),
            ["Portal:DataProtectionKeysPath"] = info.DataProtectionKeysPath,
        };

    /// <summary>The same as environment variables for the Portal executable (a null value removes the variable).</summary>
    public Dictionary<string, string?> PortalEnvironment(SeedInfo info) =>
        PortalSettings(info).ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value);

    /// <summary>A new (pooled) connection to the target with the settings Portal opens it with.</summary>
    public DbConnection NewConnection() => IsPostgreSql
        ? new NpgsqlConnection(PostgresConnectionString)
        : new SqliteConnection(PortalServicesHost.PortalConnectionString(Db));

    /// <summary>
    /// On PostgreSQL: creates the database if the server lacks it, and fills it from the SQLite file with
    /// <c>Portal db copy --to</c> unless it already holds this seed's club (a copy made by an earlier run).
    /// </summary>
    public async Task PrepareAsync(SeedInfo info)
    {
        if (!IsPostgreSql)
        {
            return;
        }
        await CreateDatabaseIfMissingAsync();
        switch (await CopiedMembersAsync(info))
        {
            case null:
                break;
            case var members when members >= info.Members:
                Console.WriteLine($"PostgreSQL: {Describe()} already holds club {info.ClubSlug} with {members:N0} members (copied by an earlier run).");
                return;
            default:
                throw new BenchUsageException($"{Describe()} holds data but not this seed's {info.Members:N0} members of {info.ClubSlug}; give an empty database.");
        }

        Console.WriteLine($"PostgreSQL: filling {Describe()} from {Db} with `Portal db copy --to` ...");
        var clock = Stopwatch.StartNew();
        var environment = OnSqlite().PortalEnvironment(info);
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Portal__SeedDemoData"] = "false";
        var copy = await PortalProcess.RunToExitAsync(BuildPaths.PortalExecutable, ["db", "copy", "--to", PostgresConnectionString!], environment,
            BuildPaths.PortalOutputDirectory, TimeSpan.FromHours(2));
        if (copy.ExitCode != 0)
        {
            throw new InvalidOperationException($"Portal db copy failed: {copy}");
        }
        Console.WriteLine($"RESULT db-copy: {clock.Elapsed.TotalSeconds:0.0} s for {info.Members:N0} members ({copy.LastLine})");
    }

    /// <summary>How durable a commit is on this target, for the report: the two engines' settings differ by default.</summary>
    public async Task<string> DurabilityAsync()
    {
        await using var connection = NewConnection();
        await connection.OpenAsync();
        var settings = IsPostgreSql
            ? new[] { ("fsync", "SHOW fsync"), ("synchronous_commit", "SHOW synchronous_commit"), ("full_page_writes", "SHOW full_page_writes") }
            : [("journal_mode", "PRAGMA journal_mode"), ("synchronous", "PRAGMA synchronous")];
        var parts = new List<string>();
        foreach (var (name, sql) in settings)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var value = Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            // PRAGMA synchronous answers a number.
            parts.Add($"{name}={(name == "synchronous" ? value switch { "0" => "OFF", "1" => "NORMAL", "2" => "FULL", "3" => "EXTRA", _ => value } : value)}");
        }
        return $"{Engine} {string.Join(", ", parts)}";
    }

    /// <summary>The server and database, without credentials, for messages.</summary>
    public string Describe()
    {
        if (!IsPostgreSql)
        {
            return Db;
        }
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString);
        return $"database {builder.Database} on {builder.Host}:{builder.Port}";
    }

    private async Task CreateDatabaseIfMissingAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString);
        var name = builder.Database ?? throw new BenchUsageException("--postgres needs a Database=... in its connection string.");
        builder.Database = "postgres";
        builder.Pooling = false;
        await using var server = new NpgsqlConnection(builder.ConnectionString);
        await server.OpenAsync();
        await using var exists = server.CreateCommand();
        exists.CommandText = "SELECT 1 FROM pg_database WHERE datname = @name";
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = server.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{name.Replace("\"", "\"\"")}\"";
            await create.ExecuteNonQueryAsync();
            Console.WriteLine($"PostgreSQL: created {Describe()}.");
        }
    }

    /// <summary>The seed club's member count in the PostgreSQL database, or null when it holds no club at all.</summary>
    private async Task<long?> CopiedMembersAsync(SeedInfo info)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using (var exists = connection.CreateCommand())
        {
            exists.CommandText = """SELECT to_regclass('"LoyaltyClubs"') IS NOT NULL""";
            if (await exists.ExecuteScalarAsync() is not true)
            {
                return null;
            }
        }
        await using (var clubs = connection.CreateCommand())
        {
            clubs.CommandText = """SELECT COUNT(*) FROM "LoyaltyClubs" """;
            if (await clubs.ExecuteScalarAsync() is 0L)
            {
                return null;
            }
        }
        await using var members = connection.CreateCommand();
        members.CommandText = """SELECT COUNT(*) FROM "Members" m JOIN "LoyaltyClubs" c ON c."Id" = m."ClubId" WHERE c."Slug" = @slug""";
        members.Parameters.AddWithValue("slug", info.ClubSlug);
        return (long)(await members.ExecuteScalarAsync())!;
    }
}
