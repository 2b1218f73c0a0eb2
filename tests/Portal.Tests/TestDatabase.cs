using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Portal.Tests;

/// <summary>
/// A real database of its own, removed afterwards: a SQLite file in a temporary folder, or, when
/// <c>PORTAL_TEST_POSTGRES</c> holds a PostgreSQL server's connection string (scripts/test.sh sets it for its second
/// run of the suites that run on both engines), a fresh PostgreSQL database on that server, dropped afterwards.
/// </summary>
public sealed partial class TestDatabase : IDisposable
{
    /// <summary>The environment variable with the PostgreSQL server the suites run against (unset: SQLite).</summary>
    public const string PostgresVariable = "PORTAL_TEST_POSTGRES";

    public TestDatabase() : this(PostgresServer)
    {
    }

    /// <summary>A database on the PostgreSQL server <paramref name="postgresServer"/>, or a SQLite file when it is null.</summary>
    public TestDatabase(string? postgresServer)
    {
        Server = postgresServer;
        Folder = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "portal.db");
        if (postgresServer is { } server)
        {
            var name = "portal_test_" + Guid.NewGuid().ToString("N");
            using (var admin = new NpgsqlConnection(server))
            {
                admin.Open();
                using var create = admin.CreateCommand();
                create.CommandText = $"CREATE DATABASE \"{name}\"";
                create.ExecuteNonQuery();
            }
            PostgresDatabase = name;
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        }
        else
        {
            ConnectionString = $"Data Source={FilePath}";
        }
    }

    /// <summary>The PostgreSQL server of this run, or null when the tests run on SQLite.</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server ? server : null;

    /// <summary>Whether this run's default databases are PostgreSQL ones (<see cref="PostgresVariable"/> is set).</summary>
    public static bool IsPostgres => PostgresServer is not null;

    /// <summary>The PostgreSQL server this database is on, or null for a SQLite file.</summary>
    public string? Server { get; }

    public bool OnPostgres => Server is not null;

    private string? PostgresDatabase { get; }

    /// <summary>A folder of the test's own (the SQLite file's, and where tests put files such as backups).</summary>
    public string Folder { get; }

    /// <summary>The SQLite file (unused on PostgreSQL).</summary>
    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>Settings that point the app or the CLI at this database.</summary>
    public Dictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Portal"] = ConnectionString,
                ["Portal:SeedDemoData"] = "false",
                // Service lifetimes are validated in every test host, whatever its environment.
                ["Portal:ValidateServices"] = "true",
            };
            if (OnPostgres)
            {
                settings["Portal:Database"] = "PostgreSql";
            }
            return settings;
        }
    }

    /// <summary>The connection settings as command-line arguments (<c>--Key=value</c>), for hosts built from arguments.</summary>
    public string[] ConnectionArguments => OnPostgres
        ? [$"--ConnectionStrings:Portal={ConnectionString}", "--Portal:Database=PostgreSql"]
        : [$"--ConnectionStrings:Portal={ConnectionString}"];

    /// <summary>An open connection to this database, on its engine.</summary>
    public DbConnection Open()
    {
        DbConnection connection = OnPostgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// A command on <paramref name="connection"/>. The tests write SQL as SQLite reads it (PascalCase table and column
    /// names unquoted, <c>$name</c> parameters); for PostgreSQL, which folds unquoted names to lower case, the names are
    /// quoted and the parameters become <c>@name</c>.
    /// </summary>
    public DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = OnPostgres ? ForPostgres(sql) : sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = OnPostgres ? name.TrimStart('$', '@') : name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public long Scalar(string sql)
    {
        using var connection = Open();
        using var command = Command(connection, sql);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>Runs a statement written for each engine, for what has no common syntax (such as a trigger).</summary>
    public void Execute(string sqlite, string postgres)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = OnPostgres ? postgres : sqlite;
        command.ExecuteNonQuery();
    }

    /// <summary>Quotes PascalCase names outside string literals and quoted names; <c>$name</c> becomes <c>@name</c>.</summary>
    internal static string ForPostgres(string sql) => LiteralOrName().Replace(sql, match => match.Value switch
    {
        ['\'', ..] or ['"', ..] => match.Value,
        ['$', .. var name] => "@" + name,
        var name => $"\"{name}\"",
    });

    [GeneratedRegex("""'(?:[^']|'')*'|"[^"]*"|\$[A-Za-z_]\w*|\b[A-Z][a-z]\w*\b""")]
    private static partial Regex LiteralOrName();

    public void Dispose()
    {
        if (PostgresDatabase is { } name)
        {
            using (var pooled = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }
            using var admin = new NpgsqlConnection(Server);
            admin.Open();
            using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
            drop.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing host; the OS temp cleaner gets it.
        }
    }
}
