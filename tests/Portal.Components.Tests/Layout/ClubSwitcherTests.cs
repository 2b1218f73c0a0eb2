using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Bunit.TestDoubles;
using MudBlazor;
using MudBlazor.Extensions;
using Portal.Components.Layout;
using Portal.Components.Tests.Infrastructure;
using Portal.Features.Account;

namespace Portal.Components.Tests.Layout;

public sealed class ClubSwitcherTests : ComponentTest
{
    [Fact]
    public async Task UserWithoutClubsIsToldSo()
    {
        await SignInAsync("nobody@clubs.test", PortalRoles.Viewer);

        var switcher = Context.Render<ClubSwitcher>();

        switcher.WaitForAssertion(() => Assert.Contains("No club granted", switcher.Markup));
    }

    [Fact]
    public async Task UserWithOneClubSeesItsNameWithoutAChoice()
    {
        var club = await CreateClubAsync("only-mall", "Only Mall");
        await SignInAsync("one@clubs.test", PortalRoles.Viewer, club);

        var switcher = Context.Render<ClubSwitcher>();

        switcher.WaitForAssertion(() => Assert.Equal("Only Mall", switcher.Find("[title='Current club']").TextContent.Trim()));
        Assert.Empty(switcher.FindComponents<MudSelect<int>>());
    }

    [Fact]
    public async Task SwitchingClubsStoresTheChoiceAndReloadsThePage()
    {
        var north = await CreateClubAsync("north-mall", "North Mall");
        var south = await CreateClubAsync("south-mall", "South Mall");
        var userId = await SignInAsync("two@clubs.test", PortalRoles.Admin, north, south);
        Context.Render<MudPopoverProvider>();
        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/members");

        var switcher = Context.Render<ClubSwitcher>();
        var select = switcher.WaitForElement("[aria-label='Current club']") is not null
            ? switcher.FindComponent<MudSelect<int>>()
            : throw new InvalidOperationException("no club select");
        Assert.Equal(north, select.Instance.GetState(x => x.Value));

        await switcher.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(south));

        await using var db = await DbFactory.CreateDbContextAsync();
        Assert.Equal(south, await db.Users.Where(u => u.Id == userId).Select(u => u.CurrentClubId).SingleAsync());
        // A full reload: every component of the page starts again in the new club.
        var reload = ((BunitNavigationManager)navigation).History.First();
        Assert.EndsWith("/members", reload.Uri);
        Assert.True(reload.Options.ForceLoad);
    }
}
