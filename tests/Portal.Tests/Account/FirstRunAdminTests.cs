using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Features.Account;

namespace Portal.Tests.Account;

public class FirstRunAdminTests : IDisposable
{
    private readonly TestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task CreatesOneAdminWithARandomPasswordPrintedOnce()
    {
        await using var host = PortalServices.BuildCliHost(database.Settings);
        await using (var setUp = host.Services.CreateAsyncScope())
        {
            await setUp.ServiceProvider.GetRequiredService<Portal.Features.Operations.DatabaseMaintenance>().MigrateAsync();
            await setUp.ServiceProvider.GetRequiredService<Portal.Features.Clubs.ClubService>().CreateAsync("mall", "Mall", Portal.Features.Audit.Actor.System);
        }

        var console = new StringWriter();
        (string Email, string Password)? created;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            created = await scope.ServiceProvider.GetRequiredService<FirstRunAdmin>().CreateIfNoUsersAsync(console);
        }

        Assert.NotNull(created);
        Assert.Contains($"Password: {created.Value.Password}", console.ToString());
        Assert.True(created.Value.Password.Length >= 20);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var admin = await users.FindByEmailAsync(created.Value.Email);
            Assert.NotNull(admin);
            Assert.True(await users.CheckPasswordAsync(admin, created.Value.Password));
            Assert.True(await users.IsInRoleAsync(admin, PortalRoles.Admin));
        }
        Assert.Equal(1, database.Scalar("SELECT COUNT(*) FROM ClubGrants"));

        var secondConsole = new StringWriter();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<FirstRunAdmin>().CreateIfNoUsersAsync(secondConsole));
        }
        Assert.Equal("", secondConsole.ToString());
        Assert.Equal(1, database.Scalar("SELECT COUNT(*) FROM AspNetUsers"));
    }
}
