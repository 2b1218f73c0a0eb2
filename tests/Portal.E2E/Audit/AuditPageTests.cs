using System.Text;
using Portal.E2E.Infrastructure;
using Portal.E2E.Pages;
using Portal.Tests.Push;

namespace Portal.E2E.Audit;

/// <summary>A scripted session of sign-ins, a refusal, key handling, a push and an erasure, then read back on the Audit page.</summary>
[Collection(PortalE2ECollection.Name)]
public sealed class AuditPageTests(PortalAppFixture app, PlaywrightFixture playwright) : PortalE2ETest(app, playwright)
{
    [Fact]
    public async Task TheAuditPageShowsWhatHappenedInAScriptedSession()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var viewer = new UserCredentials($"audit-viewer-{run}@example.com", "AuditViewer123");
        var created = await App.RunCliAsync("users", "create", "--email", viewer.Email, "--password", viewer.Password, "--role", "Viewer", "--club", PortalAppFixture.DemoClubSlug);
        Assert.True(created.ExitCode == 0, created.ToString());
        var forgetful = new UserCredentials($"audit-locked-{run}@example.com", "AuditLocked123");
        created = await App.RunCliAsync("users", "create", "--email", forgetful.Email, "--password", forgetful.Password, "--role", "Viewer", "--club", PortalAppFixture.DemoClubSlug);
        Assert.True(created.ExitCode == 0, created.ToString());

        // A wrong password, then the right one; someone else guesses five times and is locked out.
        await RunInPageAsync(async page =>
        {
            var login = await LoginPage.OpenAsync(page);
            await login.SignInAsync(viewer with { Password = "NotThePassword1" });
            await Expect(login.Error).ToContainTextAsync("not correct");
            await login.SignInAsync(viewer);
            await login.ExpectLeftAsync();
            await page.GotoAsync("/settings");
            await new AccessDeniedPage(page).ExpectShownAsync();
        });
        await RunInPageAsync(async page =>
        {
            var login = await LoginPage.OpenAsync(page);
            for (var attempt = 0; attempt < 5; attempt++)
            {
                await login.SignInAsync(forgetful with { Password = $"Guess{attempt}Wrong1" });
                await Expect(login.Error).ToBeVisibleAsync();
            }
            await Expect(login.Error).ToContainTextAsync("locked");
        });

        // The admin issues and revokes a key, sends a push and erases a member.
        using var appClient = new AppClient(App);
        var memberId = await appClient.CreateMemberAsync($"audit-{run}@example.no", "Aud", "It");
        var accessToken = await appClient.SignInAsync(memberId);
        await appClient.RegisterAppTokenAsync(accessToken, $"audit{run}{Guid.NewGuid():N}{Guid.NewGuid():N}", "audit-phone", firebaseProject: $"audit-{run}");
        await RunInPageAsync(async page =>
        {
            await page.GotoAsync("/settings");
            await page.GetByRole(AriaRole.Tab, new() { Name = "API keys" }).ClickAsync();
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"Audit key {run}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
            await Expect(page.GetByTestId("issued-api-key")).ToContainTextAsync("pk_");
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Audit key {run}" });
            await Expect(row).ToContainTextAsync("never");
            await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog, new() { Name = "Revoke API key" }).GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
            await Expect(row).ToContainTextAsync("Revoked");

            await page.GetByRole(AriaRole.Tab, new() { Name = "Firebase projects" }).ClickAsync();
            await page.GetByLabel("Slug", new() { Exact = true }).FillAsync($"audit-{run}");
            await page.GetByLabel("Service-account JSON key file").SetInputFilesAsync(new FilePayload
            {
                Name = "service-account.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(App.Fcm!.ServiceAccountJson($"audit-{run}")),
            });
            await Expect(page.GetByText("Key file read")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save project" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"audit-{run}" })).ToBeVisibleAsync();

            await page.GotoAsync($"/push?member={memberId}");
            await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Audit check");
            await page.GetByLabel("Body", new() { Exact = true }).FillAsync("Only a dry run");
            await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dry run results" })).ToBeVisibleAsync();
            await Expect(page.GetByText(new System.Text.RegularExpressions.Regex("^1 accepted, 0 failed · message id"))).ToBeVisibleAsync();

            await page.GotoAsync($"/members/{memberId}");
            await Expect(new MemberDetailPage(page).Heading("Aud It")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete for good" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/members$"));

            await page.GotoAsync("/audit");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log", Level = 1 })).ToBeVisibleAsync();
            var grid = page.GetByRole(AriaRole.Table, new() { Name = "Audit events" });
            await Expect(Row(grid, "member.deleted", $"member:{memberId}")).ToBeVisibleAsync();
            await Expect(Row(grid, "push.sent", "dry run")).ToBeVisibleAsync();
            await Expect(Row(grid, "api_key.revoked", $"Audit key {run}")).ToBeVisibleAsync();
            await Expect(Row(grid, "api_key.created", $"Audit key {run}")).ToBeVisibleAsync();
            await Expect(Row(grid, "settings.firebase_project_saved", $"audit-{run}")).ToBeVisibleAsync();

            // The viewer's session, found by who did it.
            await page.GetByLabel("Who").FillAsync(viewer.Email);
            await page.GetByLabel("Who").PressAsync("Tab");
            await Expect(Row(grid, "account.sign_in_failed", viewer.Email)).ToBeVisibleAsync();
            await Expect(Row(grid, "account.signed_in", viewer.Email)).ToBeVisibleAsync();
            await Expect(Row(grid, "access.denied", "/settings")).ToBeVisibleAsync();
            await Expect(grid).Not.ToContainTextAsync("NotThePassword1");

            await page.GetByLabel("Who").FillAsync(forgetful.Email);
            await page.GetByLabel("Who").PressAsync("Tab");
            await Expect(Row(grid, "account.locked_out", forgetful.Email)).ToBeVisibleAsync();
        }, signedInAs: App.Admin);
    }

    private static ILocator Row(ILocator grid, string action, string text) =>
        grid.GetByRole(AriaRole.Row).Filter(new() { Has = grid.Page.Locator($"code[data-action='{action}']") }).Filter(new() { HasText = text }).First;
}
