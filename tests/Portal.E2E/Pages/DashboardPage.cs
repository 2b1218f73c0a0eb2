using System.Text.RegularExpressions;

namespace Portal.E2E.Pages;

/// <summary>/ : the current club's figures. Interactive (Blazor Server).</summary>
public sealed partial class DashboardPage(IPage page)
{
    public const string Path = "/";

    [GeneratedRegex(@"^https?://[^/]+/$")]
    public static partial Regex Url();

    public static async Task<DashboardPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        return new DashboardPage(page);
    }

    /// <summary>The page's h1: the name of the current club.</summary>
    public ILocator ClubHeading(string clubName) => page.GetByRole(AriaRole.Heading, new() { Name = clubName, Level = 1 });

    /// <summary>The number on the stat card labelled <paramref name="label"/> (e.g. "Members").</summary>
    public ILocator StatValue(string label) => page.GetByTestId($"stat-{label}");

    public ILocator NewestMembers => page.GetByRole(AriaRole.Heading, new() { Name = "Newest members" });

    /// <summary>The dashboard of <paramref name="clubName"/> has rendered its figures.</summary>
    public async Task ExpectShownAsync(string clubName)
    {
        await Expect(page).ToHaveURLAsync(Url());
        await Expect(ClubHeading(clubName)).ToBeVisibleAsync();
        await Expect(NewestMembers).ToBeVisibleAsync();
    }
}
