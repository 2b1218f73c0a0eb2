using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Data;

namespace Portal.Features.Operations;

/// <summary>SQLite: one file, WAL mode, the online backup API, the key ring in a folder beside the file.</summary>
public sealed class SqliteEngine(string connectionString, string contentRoot) : DatabaseEngine(connectionString)
{
    public override PortalDatabaseProvider Provider => PortalDatabaseProvider.Sqlite;

    public override string? DefaultKeysFolder =>
        Path.Combine(Path.GetDirectoryName(new SqliteConnectionStringBuilder(ConnectionString).DataSource) is { Length: > 0 } dbFolder ? dbFolder : contentRoot, "keys");

    /// <summary>Writers queue in memory instead of sleeping in SQLite's busy wait (<see cref="SqliteWriteGate"/>).</summary>
    public override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<SqliteWriteGate>();
        services.AddSingleton<IInterceptor>(provider => provider.GetRequiredService<SqliteWriteGate>());
    }

    public override async Task PrepareAsync(PortalDbContext db, CancellationToken ct)
    {
        // WAL lets readers (pages, API reads) go on while one writer commits; the setting is stored in the database
        // file, so once is enough.
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteScalarAsync(ct);
    }

    /// <summary>SQLite's online backup: consistent even while the app is writing.</summary>
    public override async Task BackupAsync(PortalDbContext db, string destination, CancellationToken ct)
    {
        var target = NewBackupFile(destination);

        var source = (SqliteConnection)db.Database.GetDbConnection();
        await source.OpenAsync(ct);
        await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        await copy.OpenAsync(ct);
        source.BackupDatabase(copy);
    }
}
