using Microsoft.Data.Sqlite;

namespace Portal.Bench;

/// <summary>Portal's own service registration (the CLI's host) over a given database, for the in-process verbs.</summary>
public static class PortalServicesHost
{
    /// <summary>Portal's services on the seeded file or its PostgreSQL copy, configured as the api verb runs Portal.</summary>
    public static WebApplication Build(BenchTarget target, SeedInfo info)
    {
        var settings = target.PortalSettings(info);
        settings["Portal:SeedDemoData"] = "false";
        return PortalServices.BuildCliHost(settings, "Production");
    }

    public static WebApplication Build(string db, string keysPath, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = ConnectionString(db),
            ["Portal:DataProtectionKeysPath"] = keysPath,
            ["Portal:SeedDemoData"] = "false",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return PortalServices.BuildCliHost(settings, "Production");
    }

    public static string ConnectionString(string db) => new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(db) }.ToString();

    /// <summary>The connection Portal opens (foreign keys on, pooled, 30 s busy wait): the ceiling uses the same.</summary>
    public static string PortalConnectionString(string db) =>
        Portal.Data.PortalDataServiceCollectionExtensions.NormalizeSqliteConnectionString(ConnectionString(db), Directory.GetCurrentDirectory());
}
