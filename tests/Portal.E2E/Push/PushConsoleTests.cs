using System.Text;
using System.Text.RegularExpressions;
using Portal.E2E.Infrastructure;
using Portal.E2E.Pages;
using Portal.Tests.Push;

namespace Portal.E2E.Push;

[Collection(PortalE2ECollection.Name)]
public sealed class PushConsoleTests(PortalAppFixture app, PlaywrightFixture playwright) : PortalE2ETest(app, playwright)
{
    [Fact]
    public async Task MarketerDryRunsAndSendsToAMemberWithADeadTokenAndTheAppReportsDelivery()
    {
        var fcm = App.Fcm!;
        // Adding a Firebase project changes the club's settings: this test works in a club of its own.
        var club = await App.CreateOwnClubAsync("push");
        using var appClient = new AppClient(App, club);
        var memberId = await appClient.CreateMemberAsync($"push-{Guid.NewGuid():N}@example.no", "Pia", "Push");
        var accessToken = await appClient.SignInAsync(memberId);
        var liveToken = $"live{Guid.NewGuid():N}{Guid.NewGuid():N}";
        var deadToken = $"dead{Guid.NewGuid():N}{Guid.NewGuid():N}";
        await appClient.RegisterAppTokenAsync(accessToken, liveToken, "new-phone");
        await appClient.RegisterAppTokenAsync(accessToken, deadToken, "old-phone", "ios");
        // FCM says the old phone's token is gone, every time it is asked.
        fcm.Script(deadToken, Enumerable.Repeat(new FakeAnswer(404, "UNREGISTERED", Message: "Requested entity was not found."), 5).ToArray());

        await AddFirebaseProjectAsAdminAsync(fcm, club.Admin);
        var marketer = new UserCredentials($"marketer-{Guid.NewGuid():N}@example.com", "Marketer12345x");
        var created = await App.RunCliAsync("users", "create", "--email", marketer.Email, "--password", marketer.Password, "--role", "Marketer", "--club", club.Slug);
        Assert.True(created.ExitCode == 0, created.ToString());

        string messageId = "";
        await RunInPageAsync(async page =>
        {
            await page.GotoAsync($"/push?member={memberId}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Push console", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("2 token(s)");
            await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Weekend offers");
            await page.GetByLabel("Body", new() { Exact = true }).FillAsync("Open the app for your coupons");
            await Expect(page.GetByLabel("Android preview")).ToContainTextAsync("Weekend offers");

            await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dry run results" })).ToBeVisibleAsync();
            await Expect(page.GetByText(new Regex("^1 accepted, 1 failed · message id"))).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Send results" })).ToBeVisibleAsync();
            var summary = page.GetByText(new Regex("1 accepted, 1 failed · message id"));
            await Expect(summary).ToBeVisibleAsync();
            messageId = (await summary.Locator("code").InnerTextAsync()).Trim();
            var deadRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = deadToken[^10..] });
            await Expect(deadRow).ToContainTextAsync("UNREGISTERED");
            await Expect(deadRow).ToContainTextAsync("Token no longer registered");
            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = liveToken[^10..] })).ToContainTextAsync("accepted");
            // Both runs are in the history, the dry run marked as such.
            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Weekend offers" }).Filter(new() { HasText = "dry run to member" })).ToContainTextAsync("1 accepted, 1 failed");

            await page.GotoAsync("/devices");
            var devicesRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{deadToken[..8]}…{deadToken[^6..]}" });
            await Expect(devicesRow).ToContainTextAsync("invalid");
            await Expect(devicesRow).ToContainTextAsync("UNREGISTERED");
        }, signedInAs: marketer);

        // FCM took the live token's message once for the dry run and once for the send: never twice for one send.
        Assert.Equal(2, fcm.Accepted[liveToken]);
        await appClient.ReportDeliveredAsync(accessToken, messageId);

        await RunInPageAsync(async page =>
        {
            await page.GotoAsync($"/members/{memberId}");
            var detail = new MemberDetailPage(page);
            await Expect(detail.Heading("Pia Push")).ToBeVisibleAsync();
            await detail.Tab("Messages").ClickAsync();
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Weekend offers" });
            await Expect(row).ToContainTextAsync("1 of 2");
            await Expect(row).ToContainTextAsync(new Regex(@"\d{4}-\d\d-\d\d \d\d:\d\d"));
        }, signedInAs: marketer);
    }

    private async Task AddFirebaseProjectAsAdminAsync(FakeFcm fcm, UserCredentials admin) => await RunInPageAsync(async page =>
    {
        await page.GotoAsync("/settings");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Firebase projects" }).ClickAsync();
        await page.GetByLabel("Slug", new() { Exact = true }).FillAsync("infinity-app");
        await page.GetByLabel("Service-account JSON key file").SetInputFilesAsync(new FilePayload
        {
            Name = "service-account.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(fcm.ServiceAccountJson()),
        });
        await Expect(page.GetByText("Key file read")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save project" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "infinity-app" });
        await Expect(row).ToContainTextAsync("portal@infinity-app.iam.gserviceaccount.com");
        await row.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Expect(page.GetByText("Sending works.")).ToBeVisibleAsync();
    }, signedInAs: admin, testName: "AddFirebaseProjectAsAdmin");
}
