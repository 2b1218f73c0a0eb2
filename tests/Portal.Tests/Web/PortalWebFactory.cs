using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Features.Users;

namespace Portal.Tests.Web;

/// <summary>
/// The real app on a fresh SQLite file, in the Production environment (so error pages and headers are
/// the ones users get). One per test class.
/// </summary>
public class PortalWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@example.com";
    public const string ViewerEmail = "viewer@example.com";
    public const string Password = "Passw0rdForTests";

    public TestDatabase Database { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in Database.Settings.Concat(ExtraSettings()))
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Settings a derived factory adds (e.g. where FCM is).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [];

    /// <summary>Starts the app and creates a club with an Admin and a Viewer granted to it.</summary>
    public async Task InitializeAsync()
    {
        _ = Server; // starts the host, which migrates the database
        await using var scope = Services.CreateAsyncScope();
        var clubs = scope.ServiceProvider.GetRequiredService<Portal.Features.Clubs.ClubService>();
        await clubs.CreateAsync("test-mall", "Test Mall", Actor.System, "no", "Europe/Oslo");
        var users = scope.ServiceProvider.GetRequiredService<UserAccountService>();
        await users.CreateAsync(AdminEmail, Password, "Admin", ["test-mall"], Actor.System);
        await users.CreateAsync(ViewerEmail, Password, "Viewer", ["test-mall"], Actor.System);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public HttpClient CreateBrowserlessClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Database.Dispose();
        }
    }
}
