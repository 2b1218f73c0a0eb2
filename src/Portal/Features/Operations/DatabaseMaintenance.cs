using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Operations;

/// <summary>Schema migration and backups; what differs between engines is the <see cref="DatabaseEngine"/>'s.</summary>
public class DatabaseMaintenance(IDbContextFactory<PortalDbContext> dbFactory, DatabaseEngine engine, ILogger<DatabaseMaintenance> logger)
{
    /// <summary>
    /// Applies pending migrations and returns their names. Several instances starting at once are safe: EF Core takes
    /// a database lock around Migrate(), so one applies them and the others find nothing left to do.
    /// </summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await engine.PrepareAsync(db, ct);
        await db.Database.MigrateAsync(ct);
        foreach (var migration in pending)
        {
            logger.LogInformation("Applied migration {Migration}", migration);
        }
        return pending;
    }

    /// <summary>
    /// Copies the live database to <paramref name="destination"/> (SQLite's online backup, or <c>pg_dump</c>),
    /// consistent even while the app is writing.
    /// </summary>
    public async Task BackupAsync(string destination, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await engine.BackupAsync(db, destination, ct);
        logger.LogInformation("Backed up the database to {Target}", Path.GetFullPath(destination));
    }
}
