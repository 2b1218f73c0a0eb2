using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Portal.Data.PostgreSql;

/// <summary>
/// Lets <c>dotnet ef</c> build the PostgreSQL model from this project alone
/// (<c>dotnet ef migrations add &lt;Name&gt; --project src/Portal.Data.PostgreSql</c>).
/// </summary>
/// <remarks>
/// Adding and removing migrations opens no database, so the connection string names none that must exist;
/// commands that do take EF's <c>--connection</c>.
/// </remarks>
public class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDataServiceCollectionExtensions.Configure(options, PortalDatabaseProvider.PostgreSql, "Host=localhost;Database=portal_design_time");
        return new PortalDbContext(options.Options);
    }
}
