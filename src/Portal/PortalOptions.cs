namespace Portal;

/// <summary>The <c>Portal</c> configuration section.</summary>
public class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Apply pending migrations when the web app starts (the CLI has <c>db migrate</c> too).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>The database engine: <c>Sqlite</c> (default) or <c>PostgreSql</c> (read by <c>DatabaseEngine</c>).</summary>
    public string Database { get; set; } = nameof(Portal.Data.PortalDatabaseProvider.Sqlite);

    /// <summary>Create the demo club and a handful of members when the database has no club yet.</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>E-mail of the admin created (with a random password printed once) when there is no user.</summary>
    public string FirstRunAdminEmail { get; set; } = "admin@portal.local";

    /// <summary>
    /// Folder of the ASP.NET Core Data Protection key ring; default: <c>keys/</c> beside the SQLite file, or the database
    /// itself on PostgreSQL.
    /// </summary>
    public string? DataProtectionKeysPath { get; set; }

    /// <summary>
    /// Validate service lifetimes when the web host is built (always on in Development). Test hosts set it, so
    /// they validate in Production too; production leaves it off to keep start-up lean.
    /// </summary>
    public bool ValidateServices { get; set; }

    /// <summary>Open Blazor circuits (browser tabs) one user may have at once; each holds server memory.</summary>
    public int MaxCircuitsPerUser { get; set; } = 20;

    /// <summary>
    /// How long an instance trusts an API key it has read (revoked keys included). A revoke on the Settings page takes
    /// effect at once on its own instance; on other instances and after a CLI revoke, within this time.
    /// </summary>
    public TimeSpan ApiKeyCacheLifetime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an instance trusts a club's member schema (properties, consent definitions, default language) it has
    /// read. A change on the Settings page is seen at once on its own instance; on other instances, within this time.
    /// </summary>
    public TimeSpan ClubSchemaCacheLifetime { get; set; } = TimeSpan.FromSeconds(10);
}
