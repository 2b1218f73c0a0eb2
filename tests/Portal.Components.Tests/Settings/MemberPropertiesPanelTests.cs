using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Features.Audit;
using Portal.Components.Tests.Infrastructure;
using Portal.Features.Account;
using Portal.Features.Clubs;
using Portal.Features.Schema;
using Portal.Features.Settings;
using static Portal.Components.Tests.Settings.FormQueries;

namespace Portal.Components.Tests.Settings;

public sealed class MemberPropertiesPanelTests : ComponentTest
{
    private ClubSummary club = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        club = new ClubSummary(await CreateClubAsync("schema-mall", "Schema Mall"), "schema-mall", "Schema Mall", "en", "Europe/Oslo");
    }

    private IRenderedComponent<MemberPropertiesPanel> Render() => Context.Render<MemberPropertiesPanel>(p => p.Add(x => x.Club, club));

    private async Task<SchemaProperty?> PropertyAsync(string key) =>
        (await Context.Services.GetRequiredService<ClubSchemaService>().GetAsync(club.Id))!.Properties.SingleOrDefault(p => p.Key == key);

    [Fact]
    public async Task BuiltInPropertiesCanBeEditedButNotRemoved()
    {
        await SignInAsync("admin@schema.test", PortalRoles.Admin, club.Id);
        await Context.Services.GetRequiredService<ClubSchemaService>().SavePropertyAsync(club.Id, "shoe_size", "Shoe size", "integer", false, [], Actor.System);

        var panel = Render();

        panel.WaitForAssertion(() => Assert.Contains("shoe_size", panel.Markup));
        var email = Row(panel.Nodes, "email");
        Assert.Single(Buttons(email.ChildNodes, "Edit property email"));
        Assert.Empty(Buttons(email.ChildNodes, "Remove property email"));
        Assert.Contains("built in", email.TextContent);
        Assert.Single(Buttons(Row(panel.Nodes, "shoe_size").ChildNodes, "Remove property shoe_size"));
    }

    [Fact]
    public async Task AKeyThatIsNotSnakeCaseIsRefusedUnderTheKeyField()
    {
        await SignInAsync("admin@schema.test", PortalRoles.Admin, club.Id);
        var panel = Render();

        panel.WaitForAssertion(() => Field(panel.Nodes, "Key (snake_case)").Input("Not Snake"));
        Field(panel.Nodes, "Label").Input("Tier");
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.StartsWith("A key is snake_case", Description(panel.Nodes, Field(panel.Nodes, "Key (snake_case)"))));
        Assert.Equal("", Description(panel.Nodes, Field(panel.Nodes, "Label")));
        Assert.Null(await PropertyAsync("Not Snake"));
    }

    [Fact]
    public async Task AChoicePropertyShowsTheChoicesFieldAndNeedsAChoice()
    {
        await SignInAsync("admin@schema.test", PortalRoles.Admin, club.Id);
        var panel = Render();
        panel.WaitForAssertion(() => Assert.DoesNotContain(panel.FindAll("label"), l => l.TextContent.Trim() == "Choices (comma-separated)"));

        var type = panel.FindComponent<MudSelect<string>>();
        await panel.InvokeAsync(() => type.Instance.ValueChanged.InvokeAsync(Portal.Data.Entities.MemberPropertyType.SingleChoice));
        Field(panel.Nodes, "Key (snake_case)").Input("tier");
        Field(panel.Nodes, "Label").Input("Tier");
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.Contains("at least one choice", Description(panel.Nodes, Field(panel.Nodes, "Choices (comma-separated)"))));
        Field(panel.Nodes, "Choices (comma-separated)").Input("gold, silver");
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.Contains("tier", Row(panel.Nodes, "tier").TextContent));
        Assert.Equal(["gold", "silver"], (await PropertyAsync("tier"))!.Choices);
        Assert.Contains("Property saved: tier", Context.Snackbars());
    }

    [Fact]
    public async Task AnAddedRequiredPropertyIsListedAsRequired()
    {
        await SignInAsync("admin@schema.test", PortalRoles.Admin, club.Id);
        var panel = Render();

        panel.WaitForAssertion(() => Field(panel.Nodes, "Key (snake_case)").Input("loyalty_tier"));
        Field(panel.Nodes, "Label").Input("Tier");
        CheckBox(panel.Nodes, "Required").Change(true);
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.Contains("Yes", Row(panel.Nodes, "loyalty_tier").TextContent));
        Assert.True((await PropertyAsync("loyalty_tier"))!.Required);
        Assert.Equal("", Field(panel.Nodes, "Key (snake_case)").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task EditingAPropertyLocksItsKeyAndSavesTheNewLabel()
    {
        await SignInAsync("admin@schema.test", PortalRoles.Admin, club.Id);
        await Context.Services.GetRequiredService<ClubSchemaService>().SavePropertyAsync(club.Id, "shoe_size", "Shoe size", "integer", false, [], Actor.System);
        var panel = Render();

        panel.WaitForAssertion(() => Button(panel.Nodes, "Edit property shoe_size").Click());

        Assert.Contains(panel.FindAll("h2"), h => h.TextContent == "Edit shoe_size");
        Assert.True(Field(panel.Nodes, "Key (snake_case)").HasAttribute("disabled"));
        Field(panel.Nodes, "Label").Input("Shoe size (EU)");
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.Contains("Shoe size (EU)", Row(panel.Nodes, "shoe_size").TextContent));
        Assert.Equal("Shoe size (EU)", (await PropertyAsync("shoe_size"))!.Label);
        Assert.Contains(panel.FindAll("h2"), h => h.TextContent == "Add a property");
    }

    [Fact]
    public async Task RemovingAPropertyAsksFirst()
    {
        await SignInAsync("admin@schema.test", PortalRoles.Admin, club.Id);
        await Context.Services.GetRequiredService<ClubSchemaService>().SavePropertyAsync(club.Id, "shoe_size", "Shoe size", "integer", false, [], Actor.System);
        var dialogs = Context.Render<MudDialogProvider>();
        var panel = Render();

        panel.WaitForAssertion(() => Button(panel.Nodes, "Remove property shoe_size").Click());
        Assert.Contains("Remove 'Shoe size' from the member schema?", dialogs.WaitForElement("[role=dialog]").TextContent);
        Button(dialogs.Nodes, "Keep").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[role=dialog]")));
        Assert.NotNull(await PropertyAsync("shoe_size"));

        Button(panel.Nodes, "Remove property shoe_size").Click();
        dialogs.WaitForElement("[role=dialog]");
        Button(dialogs.Nodes, "Remove").Click();

        panel.WaitForAssertion(() => Assert.DoesNotContain("shoe_size", panel.Find("tbody").TextContent));
        Assert.Null(await PropertyAsync("shoe_size"));
        Assert.Contains("Property removed: shoe_size", Context.Snackbars());
    }

    [Fact]
    public async Task AMarketerCannotChangeTheSchema()
    {
        await SignInAsync("marketer@schema.test", PortalRoles.Marketer, club.Id);
        var panel = Render();

        panel.WaitForAssertion(() => Field(panel.Nodes, "Key (snake_case)").Input("sneaky"));
        Field(panel.Nodes, "Label").Input("Sneaky");
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.Contains("Not allowed: only Admins can change settings.", Context.Snackbars()));
        Assert.Null(await PropertyAsync("sneaky"));
    }
}
