using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Components.Tests.Infrastructure;
using Portal.Features.Account;
using Portal.Features.Applets;

namespace Portal.Components.Tests.Applets;

public sealed class AppletsPageTests : ComponentTest
{
    [Fact]
    public async Task AdminCreatesALoyaltyAppletAndABadUrlIsShownUnderTheForm()
    {
        var club = await CreateClubAsync("applet-mall", "Applet Mall");
        await SignInAsync("admin@applets.test", PortalRoles.Admin, club);

        var page = Context.Render<AppletsPage>();
        page.WaitForAssertion(() => Assert.Contains("No applet yet.", page.Markup));
        page.Find("#applet-name").Change("Bakery stamps");
        page.FindAll("label").Single(l => l.TextContent.Contains("This applet is a loyalty programme")).QuerySelector("input")!.Change(true);
        page.WaitForElement("#loyalty-program").Change("BAKE-1");
        page.Find("#loyalty-program-url").Change("not a url");
        page.Find("#loyalty-promotions-url").Change("https://loyalty.example.com/programs/BAKE-1/promotions");
        page.Find("#loyalty-memberships-url").Change("https://loyalty.example.com/programs/BAKE-1/promotionMemberships");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("getLoyaltyProgramUrl is not a URL", page.Find("[role=alert]").TextContent));
        Assert.Empty(await Context.Services.GetRequiredService<AppletService>().ListAsync(club));

        page.Find("#loyalty-program-url").Change("https://loyalty.example.com/programs/BAKE-1");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("loyalty BAKE-1", page.FindAll("tbody tr").Single(r => r.TextContent.Contains("Bakery stamps")).TextContent));
        Assert.Empty(page.FindAll("[role=alert]"));
        Assert.Equal("New applet", page.Find("h2").TextContent.Trim());
    }

    [Fact]
    public async Task AMissingNameIsShownUnderTheNameField()
    {
        var club = await CreateClubAsync("applet-mall", "Applet Mall");
        await SignInAsync("admin@applets.test", PortalRoles.Admin, club);

        var page = Context.Render<AppletsPage>();
        page.WaitForElement("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("true", page.Find("#applet-name").GetAttribute("aria-invalid")));
        FieldMessages.AssertUnderField(page.Find("#applet-name"), "A name has 1 to");
        Assert.Empty(await Context.Services.GetRequiredService<AppletService>().ListAsync(club));
    }

    [Fact]
    public async Task EditFillsTheFormAndArchiveMarksTheApplet()
    {
        var club = await CreateClubAsync("applet-mall", "Applet Mall");
        await SignInAsync("admin@applets.test", PortalRoles.Admin, club);
        await CreateAppletAsync(club, "Coffee club");

        var page = Context.Render<AppletsPage>();
        page.WaitForElement("button[aria-label='Edit applet Coffee club']").Click();

        page.WaitForAssertion(() => Assert.Equal("Edit applet", page.Find("h2").TextContent.Trim()));
        Assert.Equal("Coffee club", page.Find("#applet-name").GetAttribute("value"));
        Assert.Contains(page.FindAll("button"), b => b.TextContent.Trim() == "Save applet");

        page.FindAll("tbody tr button").Single(b => b.TextContent.Trim() == "Archive").Click();

        page.WaitForAssertion(() => Assert.Contains("archived", page.Find("tbody tr").TextContent));
        Assert.Contains(page.FindAll("tbody tr button"), b => b.TextContent.Trim() == "Restore");
        Assert.NotNull(Assert.Single(await Context.Services.GetRequiredService<AppletService>().ListAsync(club)).ArchivedAt);
    }

    [Fact]
    public async Task MarketerSeesAppletsAndMemberCountsButNoEditor()
    {
        var club = await CreateClubAsync("applet-mall", "Applet Mall");
        await SignInAsync("marketer@applets.test", PortalRoles.Marketer, club);
        var id = await CreateAppletAsync(club, "Coffee club");

        var page = Context.Render<AppletsPage>();

        page.WaitForAssertion(() => Assert.Contains("Coffee club", page.Find("tbody").TextContent));
        Assert.Equal($"/applets/memberships?applet={id}", page.Find("tbody a").GetAttribute("href"));
        Assert.Equal("0", page.Find("tbody a").TextContent.Trim());
        Assert.Empty(page.FindAll("form"));
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() is "Edit" or "Archive");
    }

    private async Task<string> CreateAppletAsync(int club, string name)
    {
        using var scope = Context.Services.CreateScope();
        var applet = await scope.ServiceProvider.GetRequiredService<AppletService>().CreateAsync(club, new AppletInput(name, null, null, null, false, []), Actor.System);
        return applet.Value!.Id;
    }
}
