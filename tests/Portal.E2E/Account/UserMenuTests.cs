using Portal.E2E.Infrastructure;
using Portal.E2E.Pages;

namespace Portal.E2E.Account;

[Collection(PortalE2ECollection.Name)]
public sealed class UserMenuTests(PortalAppFixture app, PlaywrightFixture playwright) : PortalE2ETest(app, playwright)
{
    [Fact]
    public Task SignOutEndsSession() => RunInPageAsync(async page =>
    {
        // Its own sign-in rather than the shared state: this test ends the session it uses.
        var login = await LoginPage.OpenAsync(page);
        await login.SignInAsync(App.Admin);
        await new DashboardPage(page).ExpectShownAsync(PortalAppFixture.DemoClubName);

        await new ShellPage(page).SignOutAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/account/login\?signedOut=true$"));
        await Expect(login.SignedOutNotice).ToBeVisibleAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), cookie => cookie.Name == "portal.auth");
        await page.GotoAsync(DashboardPage.Path);
        await login.ExpectShownAsync();
    });
}
