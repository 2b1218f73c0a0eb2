namespace Portal.E2E.Pages;

/// <summary>The frame around every signed-in page: sidebar navigation and the header's user menu.</summary>
public sealed class ShellPage(IPage page)
{
    public ILocator Navigation => page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

    /// <summary>A link of the sidebar by its text (Dashboard, Members, ..., Settings).</summary>
    public ILocator NavLink(string text) => Navigation.GetByRole(AriaRole.Link, new() { Name = text, Exact = true });

    /// <summary>The header's profile menu button; it shows the signed-in user's e-mail and role.</summary>
    public ILocator UserMenuButton => page.GetByRole(AriaRole.Button, new() { Name = "Profile menu" });

    public ILocator UserMenuItem(string text) => page.GetByRole(AriaRole.Menuitem, new() { Name = text, Exact = true });

    /// <summary>
    /// Opens the user menu. The menu is prerendered before the Blazor circuit connects, and a click that
    /// lands before then does nothing, so it clicks again until the menu shows.
    /// </summary>
    public async Task OpenUserMenuAsync()
    {
        var firstItem = UserMenuItem("Sign out");
        for (var attempt = 1; ; attempt++)
        {
            if (await firstItem.IsVisibleAsync())
            {
                return;
            }
            await UserMenuButton.ClickAsync();
            try
            {
                await Expect(firstItem).ToBeVisibleAsync(new() { Timeout = 2_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 8)
            {
                // Not interactive yet; try again.
            }
        }
    }

    /// <summary>User menu, then "Sign out": posts the logout form, which redirects to the sign-in page.</summary>
    public async Task SignOutAsync()
    {
        await OpenUserMenuAsync();
        await UserMenuItem("Sign out").ClickAsync();
    }
}
