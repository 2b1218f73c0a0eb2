namespace Portal.E2E.Pages;

/// <summary>/members: the searchable, paged member grid.</summary>
public sealed class MembersPage(IPage page)
{
    public const string Path = "/members";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Members", Level = 1 });
    public ILocator Search => page.GetByLabel("Search members");

    public ILocator Row(string text) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = text });

    public static async Task<MembersPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        var members = new MembersPage(page);
        await Expect(members.Heading).ToBeVisibleAsync();
        // The grid's first page has arrived once the pager counts the members ("1-25 of 312 members").
        await Expect(page.GetByText(new System.Text.RegularExpressions.Regex(@"^\d+-\d+ of (\d+|more than [\d,]+) members"))).ToBeVisibleAsync();
        return members;
    }

    /// <summary>Types into the search box and submits it with Enter, as a person does.</summary>
    public async Task SearchAsync(string text)
    {
        await Search.FillAsync(text);
        await Search.PressAsync("Enter");
    }
}
