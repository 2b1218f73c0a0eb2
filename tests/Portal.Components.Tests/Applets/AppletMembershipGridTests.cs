using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Features.Audit;
using Portal.Components.Tests.Infrastructure;
using Portal.Features.Account;
using Portal.Features.Applets;
using Portal.Features.Members;

namespace Portal.Components.Tests.Applets;

public sealed class AppletMembershipGridTests : ComponentTest
{
    [Fact]
    public async Task ListsMembershipsWithAppletMemberAndAccount()
    {
        var club = await CreateClubAsync("applet-mall", "Applet Mall");
        await SignInAsync("viewer@applets.test", PortalRoles.Viewer, club);
        var (member, account) = await JoinAsync(club, "Coffee club", "alma@applets.test");

        var grid = Context.Render<AppletMembershipGrid>(p => p.Add(x => x.ClubId, club).Add(x => x.TimeZone, "UTC"));

        grid.WaitForAssertion(() => Assert.Contains(account, grid.Find("table[aria-label='Applet memberships'] tbody tr").TextContent));
        var row = grid.Find("tbody tr");
        Assert.Contains("Coffee club", row.TextContent);
        Assert.Contains($"Member {member}", row.TextContent);
        Assert.Contains("crn::user:", row.TextContent);
        Assert.DoesNotContain(grid.FindAll("button"), b => b.TextContent.Contains("Remove"));
    }

    [Fact]
    public async Task FilteringByAnotherAppletShowsTheEmptyText()
    {
        var club = await CreateClubAsync("applet-mall", "Applet Mall");
        await SignInAsync("viewer@applets.test", PortalRoles.Viewer, club);
        await JoinAsync(club, "Coffee club", "alma@applets.test");
        var other = await CreateAppletAsync(club, "Tea club");

        var grid = Context.Render<AppletMembershipGrid>(p => p.Add(x => x.ClubId, club).Add(x => x.TimeZone, "UTC"));
        grid.WaitForAssertion(() => Assert.Contains("Coffee club", grid.Find("tbody").TextContent));
        await grid.InvokeAsync(() => grid.Instance.ReloadAsync(other));

        grid.WaitForAssertion(() => Assert.Contains("No membership.", grid.Markup));
    }

    [Fact]
    public async Task AdminRemovesAMembershipAfterConfirming()
    {
        var club = await CreateClubAsync("applet-mall", "Applet Mall");
        await SignInAsync("admin@applets.test", PortalRoles.Admin, club);
        var (member, _) = await JoinAsync(club, "Coffee club", "alma@applets.test");
        var dialogs = Context.Render<MudDialogProvider>();

        var grid = Context.Render<AppletMembershipGrid>(p => p.Add(x => x.ClubId, club).Add(x => x.TimeZone, "UTC").Add(x => x.MemberId, member));
        Assert.DoesNotContain("Member " + member, grid.Markup);
        grid.WaitForElement("button[aria-label='Remove from Coffee club']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Remove this account from Coffee club?", dialogs.Markup));
        dialogs.FindAll("[role=dialog] button").Single(b => b.TextContent.Trim() == "Remove").Click();

        grid.WaitForAssertion(() => Assert.Contains("No membership.", grid.Markup));
        var (rows, _) = await Context.Services.GetRequiredService<AppletMembershipService>().ListAsync(club, null, member, null, 0, 10);
        Assert.Empty(rows);
    }

    private async Task<string> CreateAppletAsync(int club, string name)
    {
        using var scope = Context.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<AppletService>().CreateAsync(club, new AppletInput(name, null, null, null, false, []), Actor.System)).Value!.Id;
    }

    private async Task<(long Member, string Account)> JoinAsync(int club, string appletName, string email)
    {
        var applet = await CreateAppletAsync(club, appletName);
        using var scope = Context.Services.CreateScope();
        var member = await scope.ServiceProvider.GetRequiredService<MemberService>().CreateAsync(club,
            new MemberDraft { Properties = new JsonObject { ["email"] = email } }, Actor.Import);
        var (outcome, _) = await scope.ServiceProvider.GetRequiredService<AppletMembershipService>()
            .JoinAsync(club, applet, member.Value!.AccountId, AppletMembershipService.UserCrn("tester"), Actor.System);
        Assert.Equal(JoinOutcome.Created, outcome);
        return (member.Value!.Id, member.Value!.AccountId);
    }
}
