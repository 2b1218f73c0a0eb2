using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Data;

public static class PortalDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDbContextFactory{PortalDbContext}"/> (for components and background work)
    /// and the scoped <see cref="PortalDbContext"/> (for controllers and Identity) in one go.
    /// </summary>
    public static IServiceCollection AddPortalDbContext(this IServiceCollection services, string connectionString) =>
        services.AddDbContextFactory<PortalDbContext>(options => Configure(options, connectionString));

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseSqlite(connectionString)
            // Migrations are written by hand (the EF design tools are not obtainable here), so there is
            // no model snapshot to compare with; MigrationsMatchModelTests guards the same thing instead.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    /// <summary>
    /// Turns the configured connection string into the one we open: a relative file becomes a path under
    /// <paramref name="baseDirectory"/>, its folder is created, foreign keys are enforced. A busy
    /// database is waited for: Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout
    /// (<c>Default Timeout</c>, 30 s unless configured).
    /// </summary>
    public static string NormalizeSqliteConnectionString(string configured, string baseDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(configured);
        if (builder.Mode != SqliteOpenMode.Memory && !builder.DataSource.StartsWith(':') && !string.IsNullOrEmpty(builder.DataSource))
        {
            var path = Path.GetFullPath(builder.DataSource, baseDirectory);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }
        builder.ForeignKeys = true;
        builder.Pooling = true;
        return builder.ToString();
    }
}
