using Portal.E2E.Infrastructure;
using Portal.E2E.Pages;

namespace Portal.E2E.Account;

[Collection(PortalE2ECollection.Name)]
public sealed class LoginPageTests(PortalAppFixture app, PlaywrightFixture playwright) : PortalE2ETest(app, playwright)
{
    [Fact]
    public Task SignInShowsDashboard() => RunInPageAsync(async page =>
    {
        var login = await LoginPage.OpenAsync(page);

        await login.SignInAsync(App.Admin);

        var dashboard = new DashboardPage(page);
        await dashboard.ExpectShownAsync(PortalAppFixture.DemoClubName);
        // Other tests add members to the demo club through the API; the seeded ones are always there.
        await Expect(dashboard.StatValue("Members")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        Assert.True(int.Parse(await dashboard.StatValue("Members").InnerTextAsync()) >= PortalAppFixture.DemoClubMembers);
        var shell = new ShellPage(page);
        await Expect(shell.UserMenuButton).ToContainTextAsync(App.Admin.Email);
        await Expect(shell.NavLink("Settings")).ToBeVisibleAsync();
    });

    [Fact]
    public Task WrongPasswordShowsErrorAndNoSession() => RunInPageAsync(async page =>
    {
        var login = await LoginPage.OpenAsync(page);

        await login.SignInAsync(App.Admin with { Password = App.Admin.Password + "x" });

        await Expect(login.Error).ToContainTextAsync("The email or password is not correct.");
        await login.ExpectShownAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), cookie => cookie.Name == "portal.auth");
        await page.GotoAsync(DashboardPage.Path);
        await login.ExpectShownAsync();
    });

    [Fact]
    public Task UnauthenticatedVisitorIsSentToSignIn() => RunInPageAsync(async page =>
    {
        var login = new LoginPage(page);
        await page.GotoAsync(DashboardPage.Path);
        await login.ExpectShownAsync();
        Assert.Contains("ReturnUrl=%2F", page.Url, StringComparison.OrdinalIgnoreCase);

        await page.GotoAsync("/audit");
        await login.ExpectShownAsync();
        Assert.Contains("ReturnUrl=%2Faudit", page.Url, StringComparison.OrdinalIgnoreCase);
        await login.SignInAsync(App.Admin);

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/audit$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log", Level = 1 })).ToBeVisibleAsync();
    });
}
