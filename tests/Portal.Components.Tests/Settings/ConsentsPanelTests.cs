using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Components.Tests.Infrastructure;
using Portal.Features.Account;
using Portal.Features.Clubs;
using Portal.Features.Schema;
using Portal.Features.Settings;
using static Portal.Components.Tests.Settings.FormQueries;

namespace Portal.Components.Tests.Settings;

public sealed class ConsentsPanelTests : ComponentTest
{
    private ClubSummary club = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        club = new ClubSummary(await CreateClubAsync("consent-mall", "Consent Mall"), "consent-mall", "Consent Mall", "en", "Europe/Oslo");
    }

    private IRenderedComponent<ConsentsPanel> Render() => Context.Render<ConsentsPanel>(p => p.Add(x => x.Club, club));

    private async Task<IReadOnlyList<SchemaConsent>> ConsentsAsync() =>
        (await Context.Services.GetRequiredService<ClubSchemaService>().GetAsync(club.Id))!.Consents;

    [Fact]
    public async Task WithoutConsentsSaysSo()
    {
        await SignInAsync("admin@consent.test", PortalRoles.Admin, club.Id);

        var panel = Render();

        panel.WaitForAssertion(() => Assert.Contains("No consent yet.", panel.Markup));
        Assert.Contains(panel.FindAll("h2"), h => h.TextContent == "Add a consent");
    }

    [Fact]
    public async Task AConsentWithoutATitleIsRefusedUnderTheTitleField()
    {
        await SignInAsync("admin@consent.test", PortalRoles.Admin, club.Id);
        var panel = Render();

        panel.WaitForAssertion(() => Field(panel.Nodes, "Key (snake_case)").Input("newsletter"));
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.StartsWith("A title has 1 to", Description(panel.Nodes, Field(panel.Nodes, "Title"))));
        Assert.Empty(await ConsentsAsync());
    }

    [Fact]
    public async Task AnAddedConsentIsListedAndEditingItsTextMakesANewVersion()
    {
        await SignInAsync("admin@consent.test", PortalRoles.Admin, club.Id);
        var panel = Render();

        panel.WaitForAssertion(() => Field(panel.Nodes, "Key (snake_case)").Input("newsletter"));
        Field(panel.Nodes, "Title").Input("Newsletter");
        Field(panel.Nodes, "Text shown to members").Input("News from the mall by e-mail.");
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.Contains("Newsletter", Row(panel.Nodes, "newsletter").TextContent));
        Assert.Contains("Consent saved: newsletter", Context.Snackbars());
        var first = Assert.Single(await ConsentsAsync());
        Assert.True(first.Active);

        Button(panel.Nodes, "Edit consent newsletter").Click();
        Assert.True(Field(panel.Nodes, "Key (snake_case)").HasAttribute("disabled"));
        Field(panel.Nodes, "Text shown to members").Input("News and offers from the mall by e-mail.");
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.Contains(panel.FindAll("h2"), h => h.TextContent == "Add a consent"));
        var second = (await ConsentsAsync()).Single();
        Assert.Equal(first.Version + 1, second.Version);
        Assert.Contains($"{second.Version}", Row(panel.Nodes, "newsletter").TextContent);
    }

    [Fact]
    public async Task CancelLeavesEditingWithoutSaving()
    {
        await SignInAsync("admin@consent.test", PortalRoles.Admin, club.Id);
        await Context.Services.GetRequiredService<ClubSchemaService>().SaveConsentAsync(club.Id, "sms", "SMS", "Offers by SMS.", true, Actor.System);
        var panel = Render();

        panel.WaitForAssertion(() => Button(panel.Nodes, "Edit consent sms").Click());
        Field(panel.Nodes, "Title").Input("Changed");
        Button(panel.Nodes, "Cancel").Click();

        Assert.Contains(panel.FindAll("h2"), h => h.TextContent == "Add a consent");
        Assert.Empty(Buttons(panel.Nodes, "Cancel"));
        Assert.Equal("SMS", (await ConsentsAsync()).Single().Title);
    }
}
