using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.Audit;
using Portal.Features.Clubs;
using Portal.Features.Users;
using Portal.Tests.Access;
using Portal.Tests.Web;

namespace Portal.Tests.Users;

public class UserAdministrationTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    [Fact]
    public async Task AnInvitedUserSignsInWithTheTemporaryPasswordAndTheInviteIsAudited()
    {
        var clubId = await AccessTestUsers.ClubIdAsync(factory);
        var password = (await AsAdminAsync((admin, by, users) => users.InviteAsync(by, "invited@example.com", new UserAccess("marketer", [clubId], true)))).Value!;

        using var browser = factory.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.Redirect, (await HtmlForm.SignInAsync(browser, "invited@example.com", password)).StatusCode);
        var invited = await AccessTestUsers.FindAsync(factory, "invited@example.com");
        Assert.True(invited.TwoFactorRequired);
        var created = Assert.Single(await AccessTestUsers.AuditAsync(factory, AuditActions.UserCreated), r => r.Target == $"user:{invited.Id}");
        Assert.Equal(PortalWebFactory.AdminEmail, created.ActorName);
        Assert.Contains("role=Marketer", created.Details);
        Assert.DoesNotContain(password, created.Details);
    }

    [Fact]
    public async Task AnAdminGrantsOnlyTheirOwnClubsAndSeesOnlyTheirClubsUsers()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClubService>().CreateAsync("other-mall", "Other Mall", Actor.System);
            await scope.ServiceProvider.GetRequiredService<UserAccountService>().CreateAsync("other-admin@example.com", PortalWebFactory.Password, "Admin", ["other-mall"], Actor.System);
        }
        var otherClub = await AccessTestUsers.ClubIdAsync(factory, "other-mall");
        var otherAdmin = await AccessTestUsers.FindAsync(factory, "other-admin@example.com");

        var error = await Assert.ThrowsAsync<PortalValidationException>(() =>
            AsAdminAsync((admin, by, users) => users.InviteAsync(by, "sneaky@example.com", new UserAccess("Viewer", [otherClub], false))));
        Assert.Equal("clubs", error.Field);

        var listed = await AsAdminAsync((admin, _, users) => users.ListAsync(admin));
        Assert.DoesNotContain(listed, u => u.Email == "other-admin@example.com");
        Assert.Contains(listed, u => u.Email == PortalWebFactory.ViewerEmail);
        var hidden = await Assert.ThrowsAsync<PortalValidationException>(() =>
            AsAdminAsync((admin, by, users) => users.SetDisabledAsync(by, otherAdmin.Id, true)));
        Assert.Equal("No such user.", hidden.Message);
    }

    [Fact]
    public async Task AnAdminCannotLockThemselvesOut()
    {
        var admin = await AccessTestUsers.FindAsync(factory, PortalWebFactory.AdminEmail);
        var clubId = await AccessTestUsers.ClubIdAsync(factory);
        await Assert.ThrowsAsync<PortalValidationException>(() => AsAdminAsync((a, by, users) => users.SetDisabledAsync(by, admin.Id, true)));
        var demote = await Assert.ThrowsAsync<PortalValidationException>(() =>
            AsAdminAsync((a, by, users) => users.UpdateAccessAsync(by, admin.Id, new UserAccess("Viewer", [clubId], false))));
        Assert.Equal("role", demote.Field);
    }

    [Fact]
    public async Task ResettingAPasswordReplacesItAndLiftsALockout()
    {
        var user = await AccessTestUsers.CreateAsync(factory, "forgetful@example.com", PortalRoles.Viewer);
        using (var browser = factory.CreateBrowserlessClient())
        {
            for (var i = 0; i < 5; i++)
            {
                await HtmlForm.SignInAsync(browser, "forgetful@example.com", "WrongPassword1");
            }
        }
        Assert.True((await AccessTestUsers.FindAsync(factory, "forgetful@example.com")).LockoutEnd > DateTimeOffset.UtcNow);

        var password = (await AsAdminAsync((admin, by, users) => users.ResetPasswordAsync(by, user.Id))).Value!;

        using var again = factory.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.OK, (await HtmlForm.SignInAsync(again, "forgetful@example.com", PortalWebFactory.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await HtmlForm.SignInAsync(again, "forgetful@example.com", password)).StatusCode);
        Assert.Contains(await AccessTestUsers.AuditAsync(factory, AuditActions.LockedOut), r => r.ActorId == user.Id);
        Assert.Contains(await AccessTestUsers.AuditAsync(factory, AuditActions.UserPasswordReset), r => r.Target == $"user:{user.Id}");
    }

    [Fact]
    public async Task PasswordsAreHashedWithPbkdf2AtLeastAHundredThousandRounds()
    {
        var user = await AccessTestUsers.FindAsync(factory, PortalWebFactory.ViewerEmail);
        var hash = Convert.FromBase64String(user.PasswordHash!);
        Assert.Equal(0x01, hash[0]); // Identity v3 format: PBKDF2 with a per-user salt
        var prf = (KeyDerivationPrf)ReadBigEndian(hash, 1);
        var iterations = ReadBigEndian(hash, 5);
        var saltLength = ReadBigEndian(hash, 9);
        Assert.Equal(KeyDerivationPrf.HMACSHA512, prf);
        Assert.True(iterations >= 100_000, $"{iterations} PBKDF2 iterations");
        Assert.True(saltLength >= 16);

        await using var scope = factory.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value;
        Assert.Equal(5, options.Lockout.MaxFailedAccessAttempts);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Lockout.DefaultLockoutTimeSpan);
        Assert.True(options.Lockout.AllowedForNewUsers);
        Assert.True(options.Password.RequiredLength >= 10);
    }

    [Fact]
    public async Task EachOperationOpensItsOwnScopeSoOneInstanceServesAPageWithoutHoldingAContext()
    {
        var clubId = await AccessTestUsers.ClubIdAsync(factory);
        var admin = await AccessTestUsers.FindAsync(factory, PortalWebFactory.AdminEmail);
        Actor actor;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            actor = await scope.ServiceProvider.GetRequiredService<PortalAccess>().ActorAsync(await AccessTestUsers.PrincipalAsync(factory, PortalWebFactory.AdminEmail));
        }
        // From the root provider, which refuses scoped services (scopes are validated in the test host): one
        // instance, as a circuit keeps it, for several actions in a row.
        var users = factory.Services.GetRequiredService<UserAdministration>();

        await users.InviteAsync(actor, "scoped-once@example.com", new UserAccess(PortalRoles.Viewer, [clubId], false));
        var invited = (await users.ListAsync(admin.Id)).Single(u => u.Email == "scoped-once@example.com");
        await users.UpdateAccessAsync(actor, invited.Id, new UserAccess(PortalRoles.Marketer, [clubId], false));
        await users.SetDisabledAsync(actor, invited.Id, true);

        // Each read sees the previous action's change: no context with stale tracked users carries over.
        var changed = (await users.ListAsync(admin.Id)).Single(u => u.Email == "scoped-once@example.com");
        Assert.Equal((PortalRoles.Marketer, true), (changed.Role, changed.DisabledAt is not null));
    }

    private enum KeyDerivationPrf { HMACSHA1 = 0, HMACSHA256 = 1, HMACSHA512 = 2 }

    private static uint ReadBigEndian(byte[] bytes, int offset) =>
        (uint)(bytes[offset] << 24 | bytes[offset + 1] << 16 | bytes[offset + 2] << 8 | bytes[offset + 3]);

    // The admin as a page makes them the actor: roles and grants read from the database for this action.
    private async Task<T> AsAdminAsync<T>(Func<string, Actor, UserAdministration, Task<T>> action)
    {
        var admin = await AccessTestUsers.FindAsync(factory, PortalWebFactory.AdminEmail);
        await using var scope = factory.Services.CreateAsyncScope();
        var actor = await scope.ServiceProvider.GetRequiredService<PortalAccess>().ActorAsync(await AccessTestUsers.PrincipalAsync(factory, PortalWebFactory.AdminEmail));
        return await action(admin.Id, actor, scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    private Task AsAdminAsync(Func<string, Actor, UserAdministration, Task> action) =>
        AsAdminAsync<bool>(async (a, by, users) => { await action(a, by, users); return true; });
}
