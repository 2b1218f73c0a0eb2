using Portal.Components.Layout;
using Portal.Components.Tests.Infrastructure;
using Portal.Features.Account;

namespace Portal.Components.Tests.Layout;

public sealed class UserMenuTests : ComponentTest
{
    [Fact]
    public async Task MenuButtonShowsWhoIsSignedInAndTheirRole()
    {
        var club = await CreateClubAsync("menu-mall", "Menu Mall");
        await SignInAsync("ann@menu.test", PortalRoles.Marketer, club);

        var menu = Context.Render<UserMenu>();

        var button = ProfileButton(menu);
        Assert.Contains("ann@menu.test", button.TextContent);
        Assert.Contains("Marketer", button.TextContent);
    }

    [Fact]
    public async Task SignOutPostsTheLogoutForm()
    {
        var club = await CreateClubAsync("menu-mall", "Menu Mall");
        await SignInAsync("ann@menu.test", PortalRoles.Admin, club);
        var popovers = Context.Render<MudBlazor.MudPopoverProvider>();
        var submit = Context.JSInterop.SetupVoid("portal.submitForm", "logout-form");

        var menu = Context.Render<UserMenu>();
        ProfileButton(menu).Click();
        popovers.WaitForElements("[role=menuitem]");
        popovers.FindAll("[role=menuitem]").Single(i => i.TextContent.Contains("Sign out")).Click();

        submit.VerifyInvoke("portal.submitForm");
        var form = menu.Find("form#logout-form");
        Assert.Equal("/account/logout", form.GetAttribute("action"));
        Assert.Equal("post", form.GetAttribute("method"));
    }

    private static AngleSharp.Dom.IElement ProfileButton(IRenderedComponent<UserMenu> menu) =>
        menu.Find("button[aria-label='Profile menu']");
}
