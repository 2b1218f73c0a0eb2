namespace Portal.E2E.Pages;

/// <summary>/members/{id}: profile, consents with history, and the admin's actions.</summary>
public sealed class MemberDetailPage(IPage page)
{
    public ILocator Heading(string name) => page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 });
    public ILocator Tab(string name) => page.GetByRole(AriaRole.Tab, new() { Name = name });
    public ILocator RecordWithdrawal(string consentTitle) => page.GetByRole(AriaRole.Button, new() { Name = $"Record withdrawal: {consentTitle}" });
    public ILocator HistoryRow(string text) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = text });
}
