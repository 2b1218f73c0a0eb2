using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Operations;

/// <summary>
/// Everything that depends on the database engine, in one place: which provider and connection the context uses,
/// where the Data Protection key ring lives, what a fresh connection needs before migrating, how a backup is taken and
/// what a bulk copy leaves to fix. The rest of Portal is written against EF Core and runs on either engine.
/// </summary>
public abstract class DatabaseEngine(string connectionString)
{
    /// <summary>The configuration key that picks the engine: <c>Sqlite</c> (default) or <c>PostgreSql</c>.</summary>
    public const string ConfigurationKey = $"{PortalOptions.Section}:Database";

    public abstract PortalDatabaseProvider Provider { get; }

    /// <summary>The connection string the app opens (for SQLite, with the file's full path).</summary>
    public string ConnectionString { get; } = connectionString;

    /// <summary>
    /// The folder of the Data Protection key ring when none is configured, or null to keep it in the database
    /// (where every instance finds it).
    /// </summary>
    public abstract string? DefaultKeysFolder { get; }

    /// <summary>Services only this engine needs (its EF interceptors join every context).</summary>
    public virtual void AddServices(IServiceCollection services)
    {
    }

    /// <summary>Engine settings a database needs once, before its migrations run.</summary>
    public virtual Task PrepareAsync(PortalDbContext db, CancellationToken ct) => Task.CompletedTask;

    /// <summary>A consistent copy of the live database to <paramref name="destination"/>, taken while the app writes.</summary>
    public abstract Task BackupAsync(PortalDbContext db, string destination, CancellationToken ct);

    /// <summary>
    /// The full path of a backup about to be written: never over an existing file (an older backup may be the only good
    /// one), and into a folder that exists, so a typo fails before any work.
    /// </summary>
    protected static string NewBackupFile(string destination)
    {
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
        return target;
    }

    /// <summary>
    /// Called after rows were copied in with their ids (<c>db copy</c>): engines that hand out ids from a sequence
    /// move it past the copied ones.
    /// </summary>
    public virtual Task AfterCopyAsync(PortalDbContext db, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Options for a context on this engine (the CLI opens a second one for <c>db copy</c>).</summary>
    public DbContextOptions<PortalDbContext> ContextOptions() =>
        (DbContextOptions<PortalDbContext>)PortalDataServiceCollectionExtensions
            .Configure(new DbContextOptionsBuilder<PortalDbContext>(), Provider, ConnectionString).Options;

    /// <summary>The engine <c>Portal:Database</c> names, on <c>ConnectionStrings:Portal</c>.</summary>
    public static DatabaseEngine FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration.GetConnectionString("Portal")
            ?? throw new InvalidOperationException("ConnectionStrings:Portal is not configured.");
        return Create(ParseProvider(configuration[ConfigurationKey]), configured, contentRoot);
    }

    public static DatabaseEngine Create(PortalDatabaseProvider provider, string connectionString, string contentRoot) => provider switch
    {
        PortalDatabaseProvider.PostgreSql => new PostgreSqlEngine(connectionString),
        _ => new SqliteEngine(PortalDataServiceCollectionExtensions.NormalizeSqliteConnectionString(connectionString, contentRoot), contentRoot),
    };

    public static PortalDatabaseProvider ParseProvider(string? value) =>
        string.IsNullOrWhiteSpace(value) ? PortalDatabaseProvider.Sqlite
        : Enum.TryParse<PortalDatabaseProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider
        : throw new InvalidOperationException($"{ConfigurationKey} is '{value}'; use Sqlite or PostgreSql.");
}
