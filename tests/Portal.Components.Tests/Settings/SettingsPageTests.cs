using Portal.Components.Tests.Infrastructure;
using Portal.Features.Account;
using Portal.Features.Settings;

namespace Portal.Components.Tests.Settings;

public sealed class SettingsPageTests : ComponentTest
{
    [Fact]
    public async Task AnAdminWithoutAClubIsToldSo()
    {
        await SignInAsync("lonely@settings.test", PortalRoles.Admin);

        var page = Context.Render<SettingsPage>();

        page.WaitForAssertion(() => Assert.Contains("No club is granted to your account.", page.Markup));
        Assert.Empty(page.FindAll("[role=tab]"));
    }

    [Fact]
    public async Task ShowsOneTabPerConcernAndOpensOnMemberProperties()
    {
        var club = await CreateClubAsync("tabs-mall", "Tabs Mall");
        await SignInAsync("admin@settings.test", PortalRoles.Admin, club);

        var page = Context.Render<SettingsPage>();

        page.WaitForAssertion(() => Assert.Equal(["Member properties", "Consents", "Firebase projects", "API keys"],
            page.FindAll("[role=tab]").Select(t => t.TextContent.Trim())));
        Assert.Contains("Tabs Mall", page.Markup);
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("h2"), h => h.TextContent == "Add a property"));

        page.FindAll("[role=tab]").Single(t => t.TextContent.Trim() == "API keys").Click();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("h3"), h => h.TextContent == "New key"));
        Assert.DoesNotContain(page.FindAll("h2"), h => h.TextContent == "Add a property");
    }
}
