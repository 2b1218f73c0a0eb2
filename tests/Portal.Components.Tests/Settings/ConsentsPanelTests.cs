using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
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
    public async Task TermsAreAddedAsTermsAndTurningThemIntoAConsentMakesANewVersion()
    {
        const string termsBox = "Terms members accept by joining (not a consent they may refuse)";
        await SignInAsync("admin@consent.test", PortalRoles.Admin, club.Id);
        var panel = Render();

        panel.WaitForAssertion(() => Field(panel.Nodes, "Key (snake_case)").Input("membership_terms"));
        Field(panel.Nodes, "Title").Input("Membership terms");
        Field(panel.Nodes, "Text shown to members").Input("Members collect points.");
        CheckBox(panel.Nodes, termsBox).Change(true);
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.Contains("Terms", Row(panel.Nodes, "membership_terms").TextContent));
        var terms = Assert.Single(await ConsentsAsync());
        Assert.Equal(ConsentKind.Terms, terms.Kind);

        Button(panel.Nodes, "Edit consent membership_terms").Click();
        Assert.True(((IHtmlInputElement)CheckBox(panel.Nodes, termsBox)).IsChecked);
        CheckBox(panel.Nodes, termsBox).Change(false);
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.Contains("Consent", Row(panel.Nodes, "membership_terms").TextContent));
        var consent = Assert.Single(await ConsentsAsync());
        Assert.Equal(ConsentKind.Consent, consent.Kind);
        Assert.Equal(terms.Version + 1, consent.Version);
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
