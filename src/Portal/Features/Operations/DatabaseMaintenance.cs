using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Operations;

/// <summary>Schema migration and backups. The only place that knows the database is SQLite.</summary>
public class DatabaseMaintenance(IDbContextFactory<PortalDbContext> dbFactory, ILogger<DatabaseMaintenance> logger)
{
    /// <summary>Applies pending migrations and returns their names.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (pages, API reads) go on while one writer commits; the setting is stored
            // in the database file, so once is enough.
            await db.Database.OpenConnectionAsync(ct);
            await using (var command = db.Database.GetDbConnection().CreateCommand())
            {
                command.CommandText = "PRAGMA journal_mode=WAL;";
                await command.ExecuteScalarAsync(ct);
            }
        }
        await db.Database.MigrateAsync(ct);
        foreach (var migration in pending)
        {
            logger.LogInformation("Applied migration {Migration}", migration);
        }
        return pending;
    }

    /// <summary>
    /// Copies the live database to <paramref name="destination"/> with SQLite's online backup, which is
    /// consistent even while the app is writing.
    /// </summary>
    public async Task BackupAsync(string destination, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!db.Database.IsSqlite())
        {
            throw new PortalValidationException("to", "db backup supports SQLite databases only; use your database server's own backup tool.");
        }
        var target = Path.GetFullPath(destination);
        if (File.Exists(target))
        {
            throw new PortalValidationException("to", $"'{target}' already exists; choose a new file name.");
        }
        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            throw new PortalValidationException("to", $"The folder '{folder}' does not exist.");
        }

        var source = (SqliteConnection)db.Database.GetDbConnection();
        await source.OpenAsync(ct);
        await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        await copy.OpenAsync(ct);
        source.BackupDatabase(copy);
        logger.LogInformation("Backed up the database to {Target}", target);
    }
}
