using Portal.E2E.Infrastructure;

namespace Portal.E2E.Applets;

[Collection(PortalE2ECollection.Name)]
public sealed class AppletPagesTests(PortalAppFixture app, PlaywrightFixture playwright) : PortalE2ETest(app, playwright)
{
    [Fact]
    public async Task AdminCreatesALoyaltyAppletAddsAMemberAndTheApiListsIt()
    {
        using var appClient = new AppClient(App);
        var email = $"applet-{Guid.NewGuid():N}@example.no";
        var memberId = await appClient.CreateMemberAsync(email, "Alma", "Applet");
        var accountId = (await appClient.MemberAsync(memberId))["account_id"]!.GetValue<string>();
        var appletName = $"Bakery stamps {Guid.NewGuid():N}"[..22];

        await RunInPageAsync(async page =>
        {
            await page.GotoAsync("/applets");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Applets", Level = 1 })).ToBeVisibleAsync();
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync(appletName);
            await page.GetByLabel("This applet is a loyalty programme").CheckAsync();
            await page.GetByLabel("Loyalty program id").FillAsync("BAKE-1");
            await page.GetByLabel("Loyalty program URL").FillAsync("not a url");
            await page.GetByLabel("Promotions URL", new() { Exact = true }).FillAsync("https://loyalty.example.com/programs/BAKE-1/promotions");
            await page.GetByLabel("Promotion memberships URL").FillAsync("https://loyalty.example.com/programs/BAKE-1/promotionMemberships");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create applet" }).ClickAsync();
            await Expect(page.GetByText("getLoyaltyProgramUrl is not a URL")).ToBeVisibleAsync();

            await page.GetByLabel("Loyalty program URL").FillAsync("https://loyalty.example.com/programs/BAKE-1");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create applet" }).ClickAsync();
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = appletName });
            await Expect(row).ToContainTextAsync("loyalty BAKE-1");

            await page.GotoAsync("/applets/memberships");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Applet memberships", Level = 1 })).ToBeVisibleAsync();
            await page.GetByPlaceholder("Choose an applet").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = appletName }).ClickAsync();
            await page.GetByLabel("Member e-mail or mobile number").FillAsync(email);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add to applet" }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = accountId })).ToContainTextAsync(appletName);
        }, signedInAs: App.Admin);

        var list = await appClient.AppletMembershipsAsync(accountId);
        var item = Assert.Single(list["items"]!.AsArray());
        Assert.Equal(appletName, item!["name"]!.GetValue<string>());
        Assert.Equal("BAKE-1", item["extensions"]![0]!["loyaltyProgramId"]!.GetValue<string>());
        Assert.StartsWith("crn::user:", item["createdBy"]!.GetValue<string>());
    }
}
