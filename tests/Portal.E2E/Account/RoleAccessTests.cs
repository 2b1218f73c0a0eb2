using Portal.E2E.Infrastructure;
using Portal.E2E.Pages;

namespace Portal.E2E.Account;

[Collection(PortalE2ECollection.Name)]
public sealed class RoleAccessTests(PortalAppFixture app, PlaywrightFixture playwright) : PortalE2ETest(app, playwright)
{
    [Fact]
    public async Task ViewerCannotOpenAdminOnlyPage()
    {
        // A Viewer of its own, made the way an operator would, so no other test's users matter.
        var viewer = new UserCredentials($"viewer-{Guid.NewGuid():N}@example.com", "Viewer12345x");
        var created = await App.RunCliAsync(
            "users", "create", "--email", viewer.Email, "--password", viewer.Password, "--role", "Viewer", "--club", PortalAppFixture.DemoClubSlug);
        Assert.True(created.ExitCode == 0, $"Portal users create failed: {created}");

        await RunInPageAsync(async page =>
        {
            var dashboard = await DashboardPage.OpenAsync(page);
            await dashboard.ExpectShownAsync(PortalAppFixture.DemoClubName);
            var shell = new ShellPage(page);
            await Expect(shell.UserMenuButton).ToContainTextAsync("Viewer");
            await Expect(shell.NavLink("Dashboard")).ToBeVisibleAsync();
            await Expect(shell.NavLink("Settings")).ToHaveCountAsync(0);

            await page.GotoAsync("/settings");

            await new AccessDeniedPage(page).ExpectShownAsync();
        }, signedInAs: viewer);
    }
}
