using Portal.Features.Account;
using Portal.Features.Members;

namespace Portal.Components.Tests.Members;

public sealed class MembersPageTests : MemberTest
{
    [Fact]
    public async Task ListsTheClubsMembersWithLinksChannelStatusesAndTheCount()
    {
        await ClubWithUserAsync(PortalRoles.Viewer);
        var ola = await CreateMemberAsync("Ola", "Nordmann", "ola@example.no");
        await CreateMemberAsync("Kari", "Berg", "kari@example.no", emailEnabled: false);

        var page = Context.Render<MembersPage>();

        page.WaitForAssertion(() => Assert.Contains("1-2 of 2 members", page.Markup));
        var olaRow = Row(page, "ola@example.no");
        Assert.Equal($"/members/{ola}", olaRow.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Ola Nordmann", olaRow.QuerySelector("a")!.TextContent.Trim());
        Assert.Contains("enabled", olaRow.TextContent);
        Assert.Contains("disabled", Row(page, "kari@example.no").TextContent);
        Assert.Contains("webforms", olaRow.TextContent);
    }

    [Fact]
    public async Task SearchNarrowsTheListOnTheServer()
    {
        await ClubWithUserAsync(PortalRoles.Viewer);
        await CreateMemberAsync("Ola", "Nordmann", "ola@example.no");
        await CreateMemberAsync("Kari", "Berg", "kari@example.no");
        var page = Context.Render<MembersPage>();
        page.WaitForAssertion(() => Assert.Contains("1-2 of 2 members", page.Markup));

        page.Find("input[aria-label='Search members']").Input("kari");

        page.WaitForAssertion(() =>
        {
            Assert.Contains("1-1 of 1 members", page.Markup);
            Assert.DoesNotContain("ola@example.no", page.Markup);
        }, TimeSpan.FromSeconds(5));
        Assert.Contains("kari@example.no", page.Markup);
    }

    [Fact]
    public async Task FiltersThatMatchNobodySayHowToRecover()
    {
        await ClubWithUserAsync(PortalRoles.Viewer);
        await CreateMemberAsync("Ola", "Nordmann", "ola@example.no");
        var page = Context.Render<MembersPage>();
        page.WaitForAssertion(() => Assert.Contains("1-1 of 1 members", page.Markup));

        page.Find("input[aria-label='Search members']").Input("nobody-like-this");

        page.WaitForAssertion(() => Assert.Contains("No member matches these filters.", page.Markup), TimeSpan.FromSeconds(5));
        Assert.Contains("of 0 members", page.Markup);
    }

    [Fact]
    public async Task BannedMembersCarryABannedChip()
    {
        await ClubWithUserAsync(PortalRoles.Viewer);
        var banned = await CreateMemberAsync("Bo", "Banned", "bo@example.no");
        await CreateMemberAsync("Fay", "Free", "fay@example.no");
        await BanAsync(banned, DateTime.UtcNow.AddDays(3));

        var page = Context.Render<MembersPage>();

        page.WaitForAssertion(() => Assert.Contains("Banned", Row(page, "bo@example.no").TextContent));
        Assert.DoesNotContain("Banned", Row(page, "fay@example.no").TextContent);
    }

    [Theory]
    [InlineData(PortalRoles.Admin, true, true)]
    [InlineData(PortalRoles.Marketer, true, false)]
    [InlineData(PortalRoles.Viewer, false, false)]
    public async Task ExportAndNewMemberFollowTheRole(string role, bool export, bool create)
    {
        await ClubWithUserAsync(role);

        var page = Context.Render<MembersPage>();

        page.WaitForAssertion(() => Assert.Contains("of 0 members", page.Markup));
        var links = page.FindAll("a").ToDictionary(a => a.TextContent.Trim(), a => a.GetAttribute("href"));
        Assert.Equal(export, links.ContainsKey("Export CSV"));
        Assert.Equal(create, links.ContainsKey("New member"));
        if (export)
        {
            Assert.StartsWith(MemberExportEndpoint.Path, links["Export CSV"]);
        }
        if (create)
        {
            Assert.Equal("/members/new", links["New member"]);
        }
    }

    [Fact]
    public async Task AUserWithoutAClubIsToldSo()
    {
        await CreateClubAsync("other-mall", "Other Mall");
        await SignInAsync("nobody@members.test", PortalRoles.Admin);

        var page = Context.Render<MembersPage>();

        page.WaitForAssertion(() => Assert.Contains("No club is granted to your account.", page.Markup));
        Assert.Empty(page.FindAll("table"));
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<MembersPage> page, string text) =>
        page.FindAll("tr").Single(r => r.TextContent.Contains(text));
}
