using Portal.Components.Layout;
using Portal.Components.Tests.Infrastructure;
using Portal.Features.Account;

namespace Portal.Components.Tests.Layout;

public sealed class NavMenuTests : ComponentTest
{
    [Fact]
    public async Task AdminSeesEveryPageOfTheClub()
    {
        var club = await CreateClubAsync("nav-mall", "Nav Mall");
        await SignInAsync("admin@nav.test", PortalRoles.Admin, club);

        var menu = Context.Render<NavMenu>();

        Assert.Equal(
            ["Dashboard", "Members", "Consents", "Devices", "Applets", "Push console", "Outbox", "Users", "Audit log", "Settings"],
            LinkTexts(menu));
    }

    [Fact]
    public async Task MarketerSeesThePushConsoleButNoAdminPages()
    {
        var club = await CreateClubAsync("nav-mall", "Nav Mall");
        await SignInAsync("marketer@nav.test", PortalRoles.Marketer, club);

        var menu = Context.Render<NavMenu>();

        Assert.Equal(["Dashboard", "Members", "Consents", "Devices", "Applets", "Push console"], LinkTexts(menu));
    }

    [Fact]
    public async Task ViewerSeesOnlyTheReadingPages()
    {
        var club = await CreateClubAsync("nav-mall", "Nav Mall");
        await SignInAsync("viewer@nav.test", PortalRoles.Viewer, club);

        var menu = Context.Render<NavMenu>();

        Assert.Equal(["Dashboard", "Members", "Consents", "Devices", "Applets"], LinkTexts(menu));
        Assert.Equal("Main", menu.Find("nav").GetAttribute("aria-label"));
    }

    private static string[] LinkTexts(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("nav a").Select(a => a.TextContent.Trim()).ToArray();
}
