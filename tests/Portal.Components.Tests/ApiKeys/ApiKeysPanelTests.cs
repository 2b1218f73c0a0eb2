using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Features.Audit;
using Portal.Components.Tests.Infrastructure;
using Portal.Features.Account;
using Portal.Features.ApiKeys;
using Portal.Features.Clubs;
using static Portal.Components.Tests.Settings.FormQueries;

namespace Portal.Components.Tests.ApiKeys;

public sealed class ApiKeysPanelTests : ComponentTest
{
    private ClubSummary club = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        club = new ClubSummary(await CreateClubAsync("keys-mall", "Keys Mall"), "keys-mall", "Keys Mall", "en", "Europe/Oslo");
    }

    private IRenderedComponent<ApiKeysPanel> Render() => Context.Render<ApiKeysPanel>(p => p.Add(x => x.Club, club));

    [Fact]
    public async Task WithoutKeysSaysSo()
    {
        await SignInAsync("admin@keys.test", PortalRoles.Admin, club.Id);

        var panel = Render();

        panel.WaitForAssertion(() => Assert.Contains("No API keys yet.", panel.Markup));
    }

    [Fact]
    public async Task ANewKeyIsShownOnceAndTheListShowsOnlyItsStart()
    {
        await SignInAsync("admin@keys.test", PortalRoles.Admin, club.Id);
        var panel = Render();

        panel.WaitForAssertion(() => Field(panel.Nodes, "Name").Input("iOS app 5.x"));
        CheckBox(panel.Nodes, ApiPermits.All.First()).Change(true);
        panel.Find("form").Submit();

        var key = panel.WaitForElement("[data-testid=issued-api-key]").TextContent.Trim();
        Assert.StartsWith("pk_", key);
        Assert.Contains("it is shown only once", panel.Find("[role=status]").TextContent);
        var row = Row(panel.Nodes, "iOS app 5.x");
        Assert.Contains("never", row.TextContent);
        Assert.Contains(ApiPermits.All.First(), row.TextContent);
        Assert.DoesNotContain(key, row.TextContent);
        Assert.Equal("", Field(panel.Nodes, "Name").GetAttribute("value") ?? "");

        panel.Find("[role=status] button[aria-label]").Click(); // the alert's close button
        Assert.Empty(panel.FindAll("[data-testid=issued-api-key]"));
        Assert.DoesNotContain(key, panel.Markup);
    }

    [Fact]
    public async Task AKeyWithoutANameIsRefusedUnderTheNameField()
    {
        await SignInAsync("admin@keys.test", PortalRoles.Admin, club.Id);
        var panel = Render();

        panel.WaitForAssertion(() => panel.Find("form").Submit());

        panel.WaitForAssertion(() => Assert.Contains("A key needs a name", Description(panel.Nodes, Field(panel.Nodes, "Name"))));
        Assert.Equal("true", Field(panel.Nodes, "Name").GetAttribute("aria-invalid"));
        Assert.Empty(panel.FindAll("[data-testid=issued-api-key]"));
        Assert.Empty(await Context.Services.GetRequiredService<ApiKeyService>().ListAsync(club.Slug));
    }

    [Fact]
    public async Task RevokeAsksFirstAndKeepLeavesTheKeyWorking()
    {
        await SignInAsync("admin@keys.test", PortalRoles.Admin, club.Id);
        await Context.Services.GetRequiredService<ApiKeyService>().CreateAsync(club.Slug, "Partner feed", null, null, Actor.System);
        var dialogs = Context.Render<MudDialogProvider>();
        var panel = Render();

        panel.WaitForAssertion(() => Button(Row(panel.Nodes, "Partner feed").ChildNodes, "Revoke").Click());
        var dialog = dialogs.WaitForElement("[role=dialog]");
        Assert.Contains("Revoke the key 'Partner feed'?", dialog.TextContent);
        Button(dialogs.Nodes, "Keep").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[role=dialog]")));
        Assert.Null((await Context.Services.GetRequiredService<ApiKeyService>().ListAsync(club.Slug)).Single().RevokedAt);
        Assert.Single(Buttons(Row(panel.Nodes, "Partner feed").ChildNodes, "Revoke"));
    }

    [Fact]
    public async Task RevokeConfirmedMarksTheKeyRevoked()
    {
        await SignInAsync("admin@keys.test", PortalRoles.Admin, club.Id);
        await Context.Services.GetRequiredService<ApiKeyService>().CreateAsync(club.Slug, "Partner feed", null, null, Actor.System);
        var dialogs = Context.Render<MudDialogProvider>();
        var panel = Render();

        panel.WaitForAssertion(() => Button(Row(panel.Nodes, "Partner feed").ChildNodes, "Revoke").Click());
        dialogs.WaitForElement("[role=dialog]");
        Button(dialogs.Nodes, "Revoke").Click();

        panel.WaitForAssertion(() => Assert.Contains("Revoked", Row(panel.Nodes, "Partner feed").TextContent));
        Assert.Empty(Buttons(Row(panel.Nodes, "Partner feed").ChildNodes, "Revoke"));
        Assert.NotNull((await Context.Services.GetRequiredService<ApiKeyService>().ListAsync(club.Slug)).Single().RevokedAt);
        Assert.Contains("Key revoked: Partner feed", Context.Snackbars());
    }

    [Fact]
    public async Task AMarketerCannotCreateAKey()
    {
        await SignInAsync("marketer@keys.test", PortalRoles.Marketer, club.Id);
        var panel = Render();

        panel.WaitForAssertion(() => Field(panel.Nodes, "Name").Input("Sneaky"));
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.Contains("Not allowed: only Admins can manage API keys.", Context.Snackbars()));
        Assert.Empty(panel.FindAll("[data-testid=issued-api-key]"));
        Assert.Empty(await Context.Services.GetRequiredService<ApiKeyService>().ListAsync(club.Slug));
    }
}
