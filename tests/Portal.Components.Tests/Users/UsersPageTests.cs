using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using AngleSharp.Html.Dom;
using MudBlazor;
using Portal.Features.Audit;
using Portal.Components.Tests.Infrastructure;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.Users;
using static Portal.Components.Tests.Settings.FormQueries;

namespace Portal.Components.Tests.Users;

public sealed class UsersPageTests : ComponentTest
{
    private int club;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        club = await CreateClubAsync("users-mall", "Users Mall");
        await SignInAsync("admin@users.test", PortalRoles.Admin, club);
    }

    private async Task<PortalUser> CreateUserAsync(string email, string role, bool twoFactor = false)
    {
        await using var scope = Context.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserAccountService>().CreateAsync(email, "Component-tests-1", role, ["users-mall"], Actor.System);
        if (twoFactor)
        {
            await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().SetTwoFactorEnabledAsync(user, true);
        }
        return user;
    }

    private async Task<PortalUser> FindUserAsync(string email)
    {
        await using var scope = Context.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!;
    }

    private async Task<bool> PasswordWorksAsync(string email, string password)
    {
        await using var scope = Context.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, password);
    }

    [Fact]
    public void TheSignedInAdminIsMarkedAndCannotDisableThemself()
    {
        var page = Context.Render<UsersPage>();

        page.WaitForAssertion(() => Assert.Contains("(you)", Row(page.Nodes, "admin@users.test").TextContent));
        var me = Row(page.Nodes, "admin@users.test").ChildNodes;
        Assert.Single(Buttons(me, "Edit"));
        Assert.Single(Buttons(me, "Reset password"));
        Assert.Empty(Buttons(me, "Disable"));
        Assert.Empty(Buttons(me, "Reset two-factor"));
        Assert.Contains("Admin", Row(page.Nodes, "admin@users.test").TextContent);
        Assert.Contains("Active", Row(page.Nodes, "admin@users.test").TextContent);
    }

    [Fact]
    public async Task OthersCanBeDisabledAndOnlyThoseWithTwoFactorHaveItsReset()
    {
        await CreateUserAsync("plain@users.test", PortalRoles.Viewer);
        await CreateUserAsync("secure@users.test", PortalRoles.Marketer, twoFactor: true);

        var page = Context.Render<UsersPage>();

        page.WaitForAssertion(() => Assert.Single(Buttons(Row(page.Nodes, "secure@users.test").ChildNodes, "Reset two-factor")));
        Assert.Contains("On", Row(page.Nodes, "secure@users.test").TextContent);
        Assert.Empty(Buttons(Row(page.Nodes, "plain@users.test").ChildNodes, "Reset two-factor"));
        Assert.Single(Buttons(Row(page.Nodes, "plain@users.test").ChildNodes, "Disable"));
    }

    [Fact]
    public async Task AnInviteWithoutAnEmailIsRefusedUnderTheEmailField()
    {
        var page = Context.Render<UsersPage>();
        page.WaitForAssertion(() => Button(page.Nodes, "Invite user").Click());

        Assert.Contains(page.FindAll("h2"), h => h.TextContent == "Invite a user");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("e-mail", Description(page.Nodes, Field(page.Nodes, "E-mail"))));
        Assert.Equal("true", Field(page.Nodes, "E-mail").GetAttribute("aria-invalid"));
        Assert.Empty(page.FindAll("[data-testid=temporary-password]"));
        Assert.Single(page.FindAll("tbody tr"));
    }

    [Fact]
    public async Task AnInvitedUserGetsATemporaryPasswordShownOnce()
    {
        var page = Context.Render<UsersPage>();
        page.WaitForAssertion(() => Button(page.Nodes, "Invite user").Click());

        Field(page.Nodes, "E-mail").Input("new@users.test");
        var role = page.FindComponent<MudRadioGroup<string>>();
        await page.InvokeAsync(() => role.Instance.ValueChanged.InvokeAsync(PortalRoles.Marketer));
        Assert.True(((IHtmlInputElement)CheckBox(page.Nodes, "Users Mall")).IsChecked);
        page.Find("form").Submit();

        var password = page.WaitForElement("[data-testid=temporary-password]").TextContent.Trim();
        Assert.True(await PasswordWorksAsync("new@users.test", password));
        Assert.Contains("shown only now", page.Find("[role=status]").TextContent);
        page.WaitForAssertion(() => Assert.Contains("Marketer", Row(page.Nodes, "new@users.test").TextContent));
        Assert.Contains("Users Mall", Row(page.Nodes, "new@users.test").TextContent);
        Assert.DoesNotContain(page.FindAll("h2"), h => h.TextContent == "Invite a user");
        Assert.Contains("User created: new@users.test", Context.Snackbars());

        page.Find("[role=status] button[aria-label]").Click();
        Assert.DoesNotContain(password, page.Markup);
    }

    [Fact]
    public async Task AnAdminCannotTakeTheAdminRoleFromThemself()
    {
        var page = Context.Render<UsersPage>();
        page.WaitForAssertion(() => Button(Row(page.Nodes, "admin@users.test").ChildNodes, "Edit").Click());

        Assert.Contains(page.FindAll("h2"), h => h.TextContent == "Edit admin@users.test");
        Assert.DoesNotContain(page.FindAll("label"), l => l.TextContent.Trim() == "E-mail");
        var role = page.FindComponent<MudRadioGroup<string>>();
        await page.InvokeAsync(() => role.Instance.ValueChanged.InvokeAsync(PortalRoles.Viewer));
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("You cannot take the Admin role from yourself", page.Markup));
        Assert.Contains("Admin", Row(page.Nodes, "admin@users.test").TextContent);
        await using var scope = Context.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().IsInRoleAsync(await FindUserAsync("admin@users.test"), PortalRoles.Admin));
    }

    [Fact]
    public async Task ChangingARoleSavesItAndClosesTheEditor()
    {
        await CreateUserAsync("viewer@users.test", PortalRoles.Viewer);
        var page = Context.Render<UsersPage>();
        page.WaitForAssertion(() => Button(Row(page.Nodes, "viewer@users.test").ChildNodes, "Edit").Click());

        var role = page.FindComponent<MudRadioGroup<string>>();
        var checkedRole = page.FindAll("label").Where(l => l.QuerySelector("input[type=radio]") is IHtmlInputElement { IsChecked: true });
        Assert.Equal("Viewer: read-only", Assert.Single(checkedRole).TextContent.Trim());
        await page.InvokeAsync(() => role.Instance.ValueChanged.InvokeAsync(PortalRoles.Marketer));
        CheckBox(page.Nodes, "Require two-factor sign-in (authenticator app)").Change(true);
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Marketer", Row(page.Nodes, "viewer@users.test").TextContent));
        Assert.Contains("Required, not set up", Row(page.Nodes, "viewer@users.test").TextContent);
        Assert.Empty(page.FindAll("form"));
        Assert.Contains("User saved: viewer@users.test: the change applies on their next click.", Context.Snackbars());
    }

    [Fact]
    public async Task DisablingAsksFirstAndEnablingDoesNot()
    {
        await CreateUserAsync("leaver@users.test", PortalRoles.Viewer);
        var dialogs = Context.Render<MudDialogProvider>();
        var page = Context.Render<UsersPage>();

        page.WaitForAssertion(() => Button(Row(page.Nodes, "leaver@users.test").ChildNodes, "Disable").Click());
        Assert.Contains("Disable leaver@users.test?", dialogs.WaitForElement("[role=dialog]").TextContent);
        Button(dialogs.Nodes, "Keep").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[role=dialog]")));
        Assert.Null((await FindUserAsync("leaver@users.test")).DisabledAt);

        Button(Row(page.Nodes, "leaver@users.test").ChildNodes, "Disable").Click();
        dialogs.WaitForElement("[role=dialog]");
        Button(dialogs.Nodes, "Disable").Click();

        page.WaitForAssertion(() => Assert.Contains("Disabled", Row(page.Nodes, "leaver@users.test").TextContent));
        Assert.NotNull((await FindUserAsync("leaver@users.test")).DisabledAt);
        Assert.Contains("User disabled", Context.Snackbars());

        Button(Row(page.Nodes, "leaver@users.test").ChildNodes, "Enable").Click();

        page.WaitForAssertion(() => Assert.Contains("Active", Row(page.Nodes, "leaver@users.test").TextContent));
        Assert.Empty(dialogs.FindAll("[role=dialog]"));
        Assert.Null((await FindUserAsync("leaver@users.test")).DisabledAt);
    }

    [Fact]
    public async Task ResettingAPasswordShowsTheNewTemporaryPassword()
    {
        await CreateUserAsync("forgetful@users.test", PortalRoles.Viewer);
        var dialogs = Context.Render<MudDialogProvider>();
        var page = Context.Render<UsersPage>();

        page.WaitForAssertion(() => Button(Row(page.Nodes, "forgetful@users.test").ChildNodes, "Reset password").Click());
        Assert.Contains("Give forgetful@users.test a new temporary password?", dialogs.WaitForElement("[role=dialog]").TextContent);
        Button(dialogs.Nodes, "Reset").Click();

        var password = page.WaitForElement("[data-testid=temporary-password]").TextContent.Trim();
        Assert.Contains("forgetful@users.test", page.Find("[role=status]").TextContent);
        Assert.True(await PasswordWorksAsync("forgetful@users.test", password));
        Assert.False(await PasswordWorksAsync("forgetful@users.test", "Component-tests-1"));
    }

    [Fact]
    public async Task ResettingTwoFactorTurnsItOff()
    {
        await CreateUserAsync("lostphone@users.test", PortalRoles.Viewer, twoFactor: true);
        var dialogs = Context.Render<MudDialogProvider>();
        var page = Context.Render<UsersPage>();

        page.WaitForAssertion(() => Button(Row(page.Nodes, "lostphone@users.test").ChildNodes, "Reset two-factor").Click());
        dialogs.WaitForElement("[role=dialog]");
        Button(dialogs.Nodes, "Reset").Click();

        page.WaitForAssertion(() => Assert.Empty(Buttons(Row(page.Nodes, "lostphone@users.test").ChildNodes, "Reset two-factor")));
        Assert.False((await FindUserAsync("lostphone@users.test")).TwoFactorEnabled);
        Assert.Contains("Two-factor reset", Context.Snackbars());
    }

    [Fact]
    public async Task AMarketerIsRefusedAndSeesNoUsers()
    {
        await CreateUserAsync("someone@users.test", PortalRoles.Viewer);
        await SignInAsync("marketer@users.test", PortalRoles.Marketer, club);

        var page = Context.Render<UsersPage>();

        page.WaitForAssertion(() => Assert.Contains("No users yet.", page.Markup));
        Assert.DoesNotContain("someone@users.test", page.Markup);
    }
}
