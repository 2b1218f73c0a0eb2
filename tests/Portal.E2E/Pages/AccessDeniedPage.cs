using System.Text.RegularExpressions;

namespace Portal.E2E.Pages;

/// <summary>/account/access-denied, where the cookie middleware sends a signed-in user who lacks the role.</summary>
public sealed partial class AccessDeniedPage(IPage page)
{
    public const string Path = "/account/access-denied";

    [GeneratedRegex(@"/account/access-denied(\?.*)?$")]
    public static partial Regex Url();

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "No access", Level = 1 });

    public async Task ExpectShownAsync()
    {
        await Expect(page).ToHaveURLAsync(Url());
        await Expect(Heading).ToBeVisibleAsync();
    }
}
