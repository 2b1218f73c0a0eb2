using Microsoft.Extensions.Options;
using Portal.Features.Account;
using Portal.Features.Users;

namespace Portal.Features.Operations;

/// <summary>
/// Brings the database up to date before the server takes requests: migrations, roles, demo data
/// (Development) and the first-run admin.
/// </summary>
public class StartupInitializer(IServiceProvider services, IOptions<PortalOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        if (options.Value.MigrateOnStartup)
        {
            await provider.GetRequiredService<DatabaseMaintenance>().MigrateAsync(cancellationToken);
        }
        await provider.GetRequiredService<UserAccountService>().EnsureRolesAsync();
        if (options.Value.SeedDemoData)
        {
            await provider.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync(cancellationToken);
        }
        await provider.GetRequiredService<FirstRunAdmin>().CreateIfNoUsersAsync(Console.Out, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
