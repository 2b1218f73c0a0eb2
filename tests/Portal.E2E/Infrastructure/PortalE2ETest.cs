using System.Runtime.CompilerServices;
using Portal.E2E.Pages;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// Base of the browser tests: fresh browser contexts pointed at the app, signed in or not, and
/// <see cref="RunInPageAsync"/>, which keeps a screenshot of the page when the test fails.
/// Concrete classes carry <c>[Collection(PortalE2ECollection.Name)]</c>.
/// </summary>
public abstract class PortalE2ETest(PortalAppFixture app, PlaywrightFixture playwright)
{
    /// <summary>A common laptop size: the sidebar and the header are both shown expanded.</summary>
    public static readonly ViewportSize DefaultViewport = new() { Width = 1280, Height = 800 };

    protected PortalAppFixture App => app;

    /// <summary>
    /// Runs <paramref name="body"/> on a new page in a new browser context (optionally already signed in
    /// as <paramref name="signedInAs"/>); if it throws, saves a full-page screenshot to
    /// <c>artifacts/&lt;test name&gt;.png</c> and rethrows.
    /// </summary>
    protected async Task RunInPageAsync(
        Func<IPage, Task> body,
        UserCredentials? signedInAs = null,
        ViewportSize? viewport = null,
        [CallerMemberName] string testName = "")
    {
        FailureScreenshot.Forget(testName);
        await using var context = await NewContextAsync(signedInAs, viewport);
        var page = await context.NewPageAsync();
        // Every page of every test also checks the Content-Security-Policy: Chromium reports what it blocks on the console.
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                blocked.Add(message.Text);
            }
        };
        try
        {
            await body(page);
            Assert.True(blocked.Count == 0, "The Content-Security-Policy blocked:\n" + string.Join("\n", blocked));
        }
        catch
        {
            await FailureScreenshot.SaveAsync(page, testName);
            throw;
        }
    }

    /// <summary>A browser context on the app's address, with the cookies of <paramref name="signedInAs"/> if given.</summary>
    protected async Task<IBrowserContext> NewContextAsync(UserCredentials? signedInAs = null, ViewportSize? viewport = null)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl.ToString(),
            ViewportSize = viewport ?? DefaultViewport,
            Locale = "en-GB",
        };
        if (signedInAs is not null)
        {
            options.StorageState = await SignedInStateAsync(signedInAs);
        }
        return await playwright.Browser.NewContextAsync(options);
    }

    // Signs in through the form once per account and run; tests that are not about signing in reuse the cookie.
    private Task<string> SignedInStateAsync(UserCredentials user) =>
        playwright.StorageStateAsync(user.Email, async () =>
        {
            await using var context = await NewContextAsync();
            var page = await context.NewPageAsync();
            var login = await LoginPage.OpenAsync(page);
            await login.SignInAsync(user);
            await login.ExpectLeftAsync();
            return await context.StorageStateAsync();
        });
}
