namespace Portal.Data;

/// <summary>The database engine Portal runs on (<c>Portal:Database</c>); SQLite unless configured.</summary>
public enum PortalDatabaseProvider
{
    Sqlite,
    PostgreSql,
}
