using System.Text.RegularExpressions;
using Portal.E2E.Infrastructure;

namespace Portal.E2E.Pages;

/// <summary>/account/login: a static server-rendered form (it sets the cookie), so it works without a circuit.</summary>
public sealed partial class LoginPage(IPage page)
{
    public const string Path = "/account/login";

    /// <summary>The sign-in page, with or without a query string.</summary>
    [GeneratedRegex(@"/account/login(\?.*)?$", RegexOptions.IgnoreCase)]
    public static partial Regex Url();

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 });
    public ILocator Email => page.GetByLabel("Email", new() { Exact = true });
    public ILocator Password => page.GetByLabel("Password", new() { Exact = true });
    public ILocator KeepMeSignedIn => page.GetByLabel("Keep me signed in on this device");
    public ILocator SignInButton => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" });

    /// <summary>The red message above the form after a failed attempt.</summary>
    public ILocator Error => page.GetByRole(AriaRole.Alert);

    public ILocator SignedOutNotice => page.GetByText("You have signed out.");

    public static async Task<LoginPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        var login = new LoginPage(page);
        await login.ExpectShownAsync();
        return login;
    }

    public async Task ExpectShownAsync()
    {
        await Expect(page).ToHaveURLAsync(Url());
        await Expect(Heading).ToBeVisibleAsync();
    }

    /// <summary>Fills the form and submits it; the caller asserts where that leads.</summary>
    public async Task SignInAsync(UserCredentials user)
    {
        await Email.FillAsync(user.Email);
        await Password.FillAsync(user.Password);
        await SignInButton.ClickAsync();
    }

    /// <summary>Waits until the browser is on another page (a successful sign-in redirects away).</summary>
    public Task ExpectLeftAsync() => Expect(page).Not.ToHaveURLAsync(Url());
}
