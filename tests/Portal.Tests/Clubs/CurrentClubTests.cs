using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Data;
using Portal.Features.Clubs;
using Portal.Features.Users;

namespace Portal.Tests.Clubs;

public class CurrentClubTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private Microsoft.AspNetCore.Builder.WebApplication host = default!;
    private string userId = "";

    public async Task InitializeAsync()
    {
        host = PortalServices.BuildCliHost(database.Settings);
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Portal.Features.Operations.DatabaseMaintenance>().MigrateAsync();
        var clubs = scope.ServiceProvider.GetRequiredService<ClubService>();
        await clubs.CreateAsync("alpha-mall", "Alpha Mall", Actor.System);
        await clubs.CreateAsync("beta-mall", "Beta Mall", Actor.System);
        await clubs.CreateAsync("gamma-mall", "Gamma Mall", Actor.System);
        var user = await scope.ServiceProvider.GetRequiredService<UserAccountService>()
            .CreateAsync("switcher@example.com", "Passw0rdForTests", "Viewer", ["alpha-mall", "beta-mall"], Actor.System);
        userId = user.Id;
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        database.Dispose();
    }

    private CurrentClub For(string id) =>
        new(host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), new SignedIn(id));

    [Fact]
    public async Task SeesOnlyGrantedClubsAndStartsInTheFirstGranted()
    {
        var current = For(userId);

        Assert.Equal(["Alpha Mall", "Beta Mall"], (await current.GrantedAsync()).Select(c => c.Name));
        Assert.Equal("alpha-mall", (await current.GetAsync())!.Slug);
    }

    [Fact]
    public async Task SwitchingIsRememberedAndRefusedForClubsNotGranted()
    {
        var gammaId = (int)database.Scalar("SELECT Id FROM LoyaltyClubs WHERE Slug = 'gamma-mall'");
        var betaId = (int)database.Scalar("SELECT Id FROM LoyaltyClubs WHERE Slug = 'beta-mall'");

        Assert.False(await For(userId).SwitchAsync(gammaId));
        Assert.True(await For(userId).SwitchAsync(betaId));

        Assert.Equal("beta-mall", (await For(userId).GetAsync())!.Slug);
    }

    [Fact]
    public async Task AnonymousUsersHaveNoClub()
    {
        var current = new CurrentClub(host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), new SignedIn(null));

        Assert.Null(await current.GetAsync());
        Assert.Empty(await current.GrantedAsync());
    }

    /// <summary>The authentication state Blazor would supply for a signed-in (or anonymous) user.</summary>
    private sealed class SignedIn(string? userId) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(
            userId is null ? new ClaimsPrincipal(new ClaimsIdentity()) : new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"))));
    }
}
