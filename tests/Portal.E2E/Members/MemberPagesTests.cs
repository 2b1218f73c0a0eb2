using Portal.E2E.Infrastructure;
using Portal.E2E.Pages;

namespace Portal.E2E.Members;

[Collection(PortalE2ECollection.Name)]
public sealed class MemberPagesTests(PortalAppFixture app, PlaywrightFixture playwright) : PortalE2ETest(app, playwright)
{
    [Fact]
    public async Task MemberCreatedThroughTheApiShowsInListAndDetail()
    {
        var email = $"api-{Guid.NewGuid():N}@example.no";
        var id = await CreateMemberThroughApiAsync(email, "Astrid", "Apiberg");

        await RunInPageAsync(async page =>
        {
            var members = await MembersPage.OpenAsync(page);
            await members.SearchAsync(email[..12]);
            await Expect(members.Row(email)).ToBeVisibleAsync();

            await members.Row(email).GetByRole(AriaRole.Link, new() { Name = "Astrid Apiberg" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/members/{id}$"));
            var detail = new MemberDetailPage(page);
            await Expect(detail.Heading("Astrid Apiberg")).ToBeVisibleAsync();
            await Expect(page.GetByText(email)).ToBeVisibleAsync();
            await Expect(page.GetByText("e2e-app", new() { Exact = true })).ToBeVisibleAsync();
        }, signedInAs: App.Admin);
    }

    [Fact]
    public async Task AdminConsentChangeShowsInHistoryWithTheAdminAsActor()
    {
        var id = await CreateMemberThroughApiAsync($"consent-{Guid.NewGuid():N}@example.no", "Conny", "Sent");

        await RunInPageAsync(async page =>
        {
            await page.GotoAsync($"/members/{id}");
            var detail = new MemberDetailPage(page);
            await Expect(detail.Heading("Conny Sent")).ToBeVisibleAsync();
            await detail.Tab("Consents").ClickAsync();

            await detail.RecordWithdrawal("News and offers by e-mail").ClickAsync();

            var row = detail.HistoryRow($"admin {App.Admin.Email}");
            await Expect(row).ToBeVisibleAsync();
            await Expect(row).ToContainTextAsync("given → refused");
            await Expect(row).ToContainTextAsync("portal");
            // The API's own answer stays in the history below it.
            await Expect(detail.HistoryRow("API key E2E app")).ToBeVisibleAsync();
        }, signedInAs: App.Admin);
    }

    [Fact]
    public async Task AdminCreatesAMemberAndSeesRuleErrorsNextToTheFields()
    {
        var email = $"form-{Guid.NewGuid():N}@example.no";

        await RunInPageAsync(async page =>
        {
            await page.GotoAsync("/members/new");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New member", Level = 1 })).ToBeVisibleAsync();
            await page.GetByLabel("First name").FillAsync("Frida");
            await page.GetByLabel("Last name").FillAsync("Formsen");
            await page.GetByLabel("Email").FillAsync("not-an-email");
            await page.GetByLabel("Mobile number").FillAsync("12");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create member" }).ClickAsync();

            await Expect(page.GetByText("Enter an e-mail address, e.g. name@example.com.")).ToBeVisibleAsync();
            await Expect(page.GetByText("Enter a mobile number with country code")).ToBeVisibleAsync();

            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByLabel("Mobile number").FillAsync("");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create member" }).ClickAsync();

            await Expect(new MemberDetailPage(page).Heading("Frida Formsen")).ToBeVisibleAsync();
            await Expect(page.GetByText(email)).ToBeVisibleAsync();
            await Expect(page.GetByText("portal", new() { Exact = true })).ToBeVisibleAsync();
        }, signedInAs: App.Admin);
    }

    private async Task<long> CreateMemberThroughApiAsync(string email, string firstName, string lastName)
    {
        using var app = new AppClient(App);
        return await app.CreateMemberAsync(email, firstName, lastName);
    }
}
