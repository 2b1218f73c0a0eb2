using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Portal.Data;

namespace Portal.Features.Operations;

/// <summary>
/// The one-time move from SQLite to PostgreSQL (<c>db copy --to</c>): migrates the empty target, copies every row of
/// every table with its ids, imports the Data Protection key ring from its folder into the target's table (so sign-in
/// cookies and stored Firebase keys stay readable), moves the target's id sequences past the copied ids and checks
/// that every table holds as many rows as the source.
/// </summary>
public class DatabaseCopy(IDbContextFactory<PortalDbContext> dbFactory, DatabaseEngine source, IConfiguration configuration,
    IHostEnvironment environment, ILogger<DatabaseCopy> logger)
{
    private const int BatchSize = 1_000;

    public sealed record TableCopy(string Table, long Rows);

    public async Task<IReadOnlyList<TableCopy>> CopyToPostgreSqlAsync(string targetConnectionString, CancellationToken ct = default)
    {
        if (source.Provider != PortalDatabaseProvider.Sqlite)
        {
            throw new PortalValidationException("to", "db copy moves a SQLite database to PostgreSQL; this Portal already runs on PostgreSQL.");
        }
        var target = DatabaseEngine.Create(PortalDatabaseProvider.PostgreSql, targetConnectionString, environment.ContentRootPath);
        await using (var db = new PortalDbContext(target.ContextOptions()))
        {
            await db.Database.MigrateAsync(ct);
            foreach (var entity in Tables(db.Model))
            {
                if (await CountAsync(db, entity, ct) > 0)
                {
                    throw new PortalValidationException("to", $"The target database already holds rows (table {entity.GetTableName()}); copy into an empty database.");
                }
            }
        }

        var copied = new List<TableCopy>();
        await using (var to = new PortalDbContext(target.ContextOptions()))
        {
            to.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var entity in Tables(to.Model))
            {
                var rows = await (Task<long>)typeof(DatabaseCopy).GetMethod(nameof(CopyTableAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                    .MakeGenericMethod(entity.ClrType).Invoke(this, [to, ct])!;
                copied.Add(new TableCopy(entity.GetTableName()!, rows));
                logger.LogInformation("Copied {Rows} rows of {Table}", rows, entity.GetTableName());
            }
            await ImportKeyRingAsync(to, ct);
            await target.AfterCopyAsync(to, ct);
        }

        await VerifyCountsAsync(target, ct);
        return copied;
    }

    private async Task<long> CopyTableAsync<TEntity>(PortalDbContext to, CancellationToken ct) where TEntity : class
    {
        await using var from = await dbFactory.CreateDbContextAsync(ct);
        long rows = 0;
        // Tracked in the source (so shadow values such as foreign keys without a property come along), added one by one
        // in the target without their navigations, in batches.
        await foreach (var row in from.Set<TEntity>().AsAsyncEnumerable().WithCancellation(ct))
        {
            var source = from.Entry(row);
            var entry = to.Entry((TEntity)source.CurrentValues.ToObject());
            // By name: the two contexts have models of their own (one per engine).
            foreach (var property in entry.Metadata.GetProperties())
            {
                entry.Property(property.Name).CurrentValue = source.Property(property.Name).CurrentValue;
            }
            entry.State = EntityState.Added;
            if (++rows % BatchSize == 0)
            {
                await to.SaveChangesAsync(ct);
                to.ChangeTracker.Clear();
                from.ChangeTracker.Clear();
            }
        }
        await to.SaveChangesAsync(ct);
        to.ChangeTracker.Clear();
        return rows;
    }

    /// <summary>On SQLite the key ring is a folder of XML files; on PostgreSQL it is the DataProtectionKeys table.</summary>
    private async Task ImportKeyRingAsync(PortalDbContext to, CancellationToken ct)
    {
        var folder = configuration[$"{PortalOptions.Section}:{nameof(PortalOptions.DataProtectionKeysPath)}"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, environment.ContentRootPath)
            : source.DefaultKeysFolder;
        if (folder is null || !Directory.Exists(folder))
        {
            return;
        }
        var existing = await to.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(ct);
        foreach (var file in Directory.GetFiles(folder, "*.xml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (!existing.Contains(name))
            {
                to.DataProtectionKeys.Add(new() { FriendlyName = name, Xml = await File.ReadAllTextAsync(file, ct) });
            }
        }
        await to.SaveChangesAsync(ct);
    }

    private async Task VerifyCountsAsync(DatabaseEngine target, CancellationToken ct)
    {
        await using var from = await dbFactory.CreateDbContextAsync(ct);
        await using var to = new PortalDbContext(target.ContextOptions());
        foreach (var entity in Tables(from.Model).Where(e => e.ClrType != typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey)))
        {
            var (expected, actual) = (await CountAsync(from, entity, ct), await CountAsync(to, entity, ct));
            if (expected != actual)
            {
                throw new InvalidOperationException($"Table {entity.GetTableName()}: {expected} rows in SQLite but {actual} in PostgreSQL after the copy.");
            }
        }
    }

    private static Task<long> CountAsync(PortalDbContext db, IEntityType entity, CancellationToken ct) =>
        (Task<long>)typeof(DatabaseCopy).GetMethod(nameof(CountRowsAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(entity.ClrType).Invoke(null, [db, ct])!;

    private static Task<long> CountRowsAsync<TEntity>(PortalDbContext db, CancellationToken ct) where TEntity : class => db.Set<TEntity>().LongCountAsync(ct);

    /// <summary>Every table's entity type, principals before their dependents (so foreign keys hold at every insert).</summary>
    private static List<IEntityType> Tables(IModel model)
    {
        var remaining = model.GetEntityTypes().Where(e => !e.IsOwned() && e.GetTableName() is not null && !e.HasSharedClrType).ToList();
        var ordered = new List<IEntityType>();
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(e => e.GetForeignKeys().All(fk => fk.PrincipalEntityType == e || ordered.Contains(fk.PrincipalEntityType))).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException("The model's foreign keys form a cycle; db copy cannot order its tables.");
            }
            ordered.AddRange(ready.OrderBy(e => e.GetTableName(), StringComparer.Ordinal));
            remaining.RemoveAll(ready.Contains);
        }
        return ordered;
    }
}
