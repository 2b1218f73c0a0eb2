using Microsoft.Data.Sqlite;

namespace Portal.Tests;

/// <summary>A real SQLite file in its own temporary folder, removed afterwards.</summary>
public sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "portal.db");
    }

    public string Folder { get; }

    public string FilePath { get; }

    public string ConnectionString => $"Data Source={FilePath}";

    /// <summary>Settings that point the app or the CLI at this database.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["ConnectionStrings:Portal"] = ConnectionString,
        ["Portal:SeedDemoData"] = "false",
        // Service lifetimes are validated in every test host, whatever its environment.
        ["Portal:ValidateServices"] = "true",
    };

    public long Scalar(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    public void Execute(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
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
