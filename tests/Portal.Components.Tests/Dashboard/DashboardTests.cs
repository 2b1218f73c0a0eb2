using Portal.Components.Tests.Members;
using Portal.Features.Account;

namespace Portal.Components.Tests.Dashboard;

public sealed class DashboardTests : MemberTest
{
    [Fact]
    public async Task ShowsTheClubsFiguresAndItsNewestMembers()
    {
        await ClubWithUserAsync(PortalRoles.Viewer);
        var ola = await CreateMemberAsync("Ola", "Nordmann", "ola@example.no");
        await CreateMemberAsync("Kari", "Berg", "kari@example.no", emailEnabled: false);
        await BanAsync(ola, DateTime.UtcNow.AddDays(3));

        var page = Context.Render<Portal.Features.Dashboard.Dashboard>();

        page.WaitForAssertion(() => Assert.Equal("Members Mall", page.Find("h1").TextContent.Trim()));
        Assert.Equal("2", Stat(page, "Members"));
        Assert.Equal("2", Stat(page, "Joined in the last 30 days"));
        Assert.Equal("1", Stat(page, "Reachable by e-mail"));
        Assert.Equal("1", Stat(page, "Banned now"));
        Assert.Equal("0", Stat(page, "Active API keys"));
        var row = page.FindAll("tr").Single(r => r.TextContent.Contains("ola@example.no"));
        Assert.Equal($"/members/{ola}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("webforms", row.TextContent);
    }

    [Fact]
    public async Task AClubWithoutMembersSaysHowMembersJoin()
    {
        await ClubWithUserAsync(PortalRoles.Admin);

        var page = Context.Render<Portal.Features.Dashboard.Dashboard>();

        page.WaitForAssertion(() => Assert.Contains("No member yet.", page.Markup));
        Assert.Equal("0", Stat(page, "Members"));
        Assert.Empty(page.FindAll("table"));
    }

    [Fact]
    public async Task AUserWithoutAClubIsWelcomedAndToldWhatToAsk()
    {
        await CreateClubAsync("other-mall", "Other Mall");
        await SignInAsync("nobody@dashboard.test", PortalRoles.Viewer);

        var page = Context.Render<Portal.Features.Dashboard.Dashboard>();

        page.WaitForAssertion(() => Assert.Equal("Welcome to Portal", page.Find("h1").TextContent.Trim()));
        Assert.Contains("No club is granted to your account yet.", page.Markup);
    }

    private static string Stat(IRenderedComponent<Portal.Features.Dashboard.Dashboard> page, string label) =>
        page.Find($"[data-testid='stat-{label}']").TextContent.Trim();
}
