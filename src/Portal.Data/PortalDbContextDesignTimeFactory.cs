using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Portal.Data;

/// <summary>
/// Lets <c>dotnet ef</c> create the context from this project alone
/// (<c>dotnet ef migrations add &lt;Name&gt; --project src/Portal.Data</c>) instead of starting the web app,
/// which would migrate its database and start its background services on the way.
/// </summary>
/// <remarks>
/// Adding, removing and scripting migrations need no database, so by default the tool gets a private in-memory
/// one and never touches a real file. Commands that do read or write a database take EF's own option:
/// <c>dotnet ef database update --project src/Portal.Data --connection "Data Source=src/Portal/data/portal.db"</c>.
/// </remarks>
public class PortalDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDataServiceCollectionExtensions.Configure(options, "Data Source=:memory:");
        return new PortalDbContext(options.Options);
    }
}
