namespace Portal.E2E.Pages;

/// <summary>The placeholder of a section not built yet (/audit): its title and "Coming soon".</summary>
public sealed class ComingSoonPage(IPage page)
{
    public ILocator Heading(string section) => page.GetByRole(AriaRole.Heading, new() { Name = section, Level = 1 });

    public ILocator ComingSoon => page.GetByText("Coming soon", new() { Exact = true });

    public async Task ExpectShownAsync(string section)
    {
        await Expect(Heading(section)).ToBeVisibleAsync();
        await Expect(ComingSoon).ToBeVisibleAsync();
    }
}
