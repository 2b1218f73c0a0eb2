using System.Text.RegularExpressions;
using Portal.E2E.Infrastructure;
using Portal.E2E.Pages;

namespace Portal.E2E.Users;

[Collection(PortalE2ECollection.Name)]
public sealed class UsersPageTests(PortalAppFixture app, PlaywrightFixture playwright) : PortalE2ETest(app, playwright)
{
    [Fact]
    public Task AnAdminInvitesAMarketerWhoSignsInAndIsSignedOutWhenDisabled() => RunInPageAsync(async admin =>
    {
        var email = $"invited-{Guid.NewGuid():N}@example.com";
        await admin.GotoAsync("/users");
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Users", Level = 1 })).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Invite user" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Expect(admin.GetByLabel("E-mail")).ToHaveAccessibleDescriptionAsync(new Regex("e-mail")); // said under the field, tied to it
        await admin.GetByLabel("E-mail").FillAsync(email);
        await admin.GetByText("Marketer: reads members").ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        var temporaryPassword = (await admin.GetByTestId("temporary-password").InnerTextAsync()).Trim();
        var row = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = email });
        await Expect(row).ToContainTextAsync("Marketer");
        await Expect(row).ToContainTextAsync("Active");

        await using var userContext = await NewContextAsync();
        var user = await userContext.NewPageAsync();
        var login = await LoginPage.OpenAsync(user);
        await login.SignInAsync(new UserCredentials(email, temporaryPassword));
        await login.ExpectLeftAsync();
        await Expect(new ShellPage(user).UserMenuButton).ToContainTextAsync("Marketer");
        await Expect(new ShellPage(user).NavLink("Push console")).ToBeVisibleAsync();

        // Disabled while their page is open: their session ends without them reloading.
        await row.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog, new() { Name = "Disable user" }).GetByRole(AriaRole.Button, new() { Name = "Disable", Exact = true }).ClickAsync();
        await Expect(row).ToContainTextAsync("Disabled");
        await Expect(user).ToHaveURLAsync(LoginPage.Url(), new() { Timeout = 30_000 });

        var again = await LoginPage.OpenAsync(user);
        await again.SignInAsync(new UserCredentials(email, temporaryPassword));
        await Expect(again.Error).ToContainTextAsync("not correct");
    }, signedInAs: App.Admin);
}
