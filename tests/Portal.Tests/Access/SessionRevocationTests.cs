using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Account;
using Portal.Features.Audit;
using Portal.Features.Clubs;
using Portal.Features.Users;
using Portal.Tests.Web;

namespace Portal.Tests.Access;

/// <summary>An admin's change to a user applies on that user's next request, not at the next sign-in.</summary>
public class SessionRevocationTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    [Fact]
    public async Task DisablingAUserEndsTheirOpenSessionAndStopsSignIn()
    {
        const string email = "soon-disabled@example.com";
        var user = await AccessTestUsers.CreateAsync(factory, email, PortalRoles.Viewer);
        using var browser = factory.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.Redirect, (await HtmlForm.SignInAsync(browser, email, PortalWebFactory.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        await WithAdministrationAsync((admin, by, users) => users.SetDisabledAsync(by, user.Id, disabled: true));

        var next = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/account/login", next.Headers.Location!.PathAndQuery);

        using var again = factory.CreateBrowserlessClient();
        var refused = await HtmlForm.SignInAsync(again, email, PortalWebFactory.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // the form again, with the error
        Assert.Contains("not correct", await refused.Content.ReadAsStringAsync());

        await WithAdministrationAsync((admin, by, users) => users.SetDisabledAsync(by, user.Id, disabled: false));
        Assert.Equal(HttpStatusCode.Redirect, (await HtmlForm.SignInAsync(again, email, PortalWebFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task ARoleTakenAwayIsRefusedOnTheNextActionEvenWithTheOldCookie()
    {
        const string email = "demoted@example.com";
        var user = await AccessTestUsers.CreateAsync(factory, email, PortalRoles.Admin);
        var principalBefore = await AccessTestUsers.PrincipalAsync(factory, email);
        var clubId = await AccessTestUsers.ClubIdAsync(factory);
        Assert.NotNull(await RequireAsync(principalBefore, PortalPermission.ManageSettings, clubId));

        await WithAdministrationAsync((admin, by, users) => users.UpdateAccessAsync(by, user.Id, new UserAccess(PortalRoles.Viewer, [clubId], false)));

        // The principal still says Admin (as an open browser tab's circuit would), the database does not.
        Assert.True(principalBefore.IsInRole(PortalRoles.Admin));
        Assert.Null(await RequireAsync(principalBefore, PortalPermission.ManageSettings, clubId));
        Assert.Null(await RequireAsync(principalBefore, PortalPermission.Read, clubId)); // new security stamp: signed out
        var principalAfter = await AccessTestUsers.PrincipalAsync(factory, email);
        Assert.NotNull(await RequireAsync(principalAfter, PortalPermission.Read, clubId));
        Assert.Null(await RequireAsync(principalAfter, PortalPermission.ManageSettings, clubId));
    }

    [Fact]
    public async Task AClubGrantTakenAwayClosesThatClubAtOnce()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClubService>().CreateAsync("second-mall", "Second Mall", Actor.System);
            // The factory's admin manages both clubs, so they can grant and take away the second.
            await scope.ServiceProvider.GetRequiredService<UserAccountService>().CreateAsync("both@example.com", PortalWebFactory.Password, "Viewer", ["test-mall", "second-mall"], Actor.System);
        }
        var admin = await AccessTestUsers.FindAsync(factory, PortalWebFactory.AdminEmail);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Portal.Data.PortalDbContext>();
            db.ClubGrants.Add(new Portal.Data.Entities.ClubGrant { UserId = admin.Id, ClubId = await AccessTestUsers.ClubIdAsync(factory, "second-mall"), GrantedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var user = await AccessTestUsers.FindAsync(factory, "both@example.com");
        var first = await AccessTestUsers.ClubIdAsync(factory);
        var second = await AccessTestUsers.ClubIdAsync(factory, "second-mall");
        Assert.NotNull(await RequireAsync(await AccessTestUsers.PrincipalAsync(factory, "both@example.com"), PortalPermission.Read, second));

        await WithAdministrationAsync((a, by, users) => users.UpdateAccessAsync(by, user.Id, new UserAccess(PortalRoles.Viewer, [first], false)));

        var principal = await AccessTestUsers.PrincipalAsync(factory, "both@example.com");
        Assert.NotNull(await RequireAsync(principal, PortalPermission.Read, first));
        Assert.Null(await RequireAsync(principal, PortalPermission.Read, second));
    }

    private async Task<Actor?> RequireAsync(System.Security.Claims.ClaimsPrincipal principal, PortalPermission permission, int clubId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalAccess>().RequireAsync(principal, permission, clubId);
    }

    private async Task WithAdministrationAsync(Func<string, Actor, UserAdministration, Task> change)
    {
        var admin = await AccessTestUsers.FindAsync(factory, PortalWebFactory.AdminEmail);
        await using var scope = factory.Services.CreateAsyncScope();
        var actor = await scope.ServiceProvider.GetRequiredService<PortalAccess>().ActorAsync(await AccessTestUsers.PrincipalAsync(factory, PortalWebFactory.AdminEmail));
        await change(admin.Id, actor, scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }
}
