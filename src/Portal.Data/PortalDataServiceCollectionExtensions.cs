using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Data;

public static class PortalDataServiceCollectionExtensions
{
    /// <summary>The assembly that holds the PostgreSQL migrations (the SQLite ones are in this project).</summary>
    public const string PostgreSqlMigrationsAssembly = "Portal.Data.PostgreSql";

    /// <summary>
    /// Registers <see cref="IDbContextFactory{PortalDbContext}"/> (for components and background work)
    /// and the scoped <see cref="PortalDbContext"/> (for controllers and Identity) in one go. The factory pools its
    /// contexts: the API opens several short-lived contexts per request, and building a new one each time (its
    /// internal service scope, under a lock shared by all requests) cost about a tenth of a token registration's CPU
    /// (bench/RESULTS.md, "Profile (issue 15)"). The scoped context comes from the same pool.
    /// </summary>
    public static IServiceCollection AddPortalDbContext(this IServiceCollection services, PortalDatabaseProvider provider, string connectionString)
    {
        // Interceptors registered as services join every context (tests count the SQL of a request with one).
        services.AddPooledDbContextFactory<PortalDbContext>((serviceProvider, options) =>
            Configure(options, provider, connectionString).AddInterceptors(serviceProvider.GetServices<IInterceptor>()));
        services.AddScoped(serviceProvider => serviceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
        return services;
    }

    /// <summary>
    /// The app's, the tests' and <c>dotnet ef</c>'s options for SQLite. EF's <c>PendingModelChangesWarning</c> stays an
    /// error: Migrate() refuses to run when the model has changes that no migration holds (MigrationsMatchModelTests
    /// fails on them first).
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        Configure(options, PortalDatabaseProvider.Sqlite, connectionString);

    /// <summary>The same model on either engine; each has its own migrations (and model snapshot).</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, PortalDatabaseProvider provider, string connectionString) =>
        provider switch
        {
            PortalDatabaseProvider.PostgreSql => options.UseNpgsql(connectionString,
                npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly)),
            _ => options.UseSqlite(connectionString),
        };

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
