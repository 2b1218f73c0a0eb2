using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Features.Audit;
using Portal.Components.Tests.Infrastructure;
using Portal.Features.Account;
using Portal.Features.Devices;
using Portal.Features.Members;

namespace Portal.Components.Tests.Devices;

public sealed class DevicesPageTests : ComponentTest
{
    [Fact]
    public async Task AdminSeesTheCleanUpButtonAndViewerDoesNot()
    {
        var club = await CreateClubAsync("device-mall", "Device Mall");
        await SignInAsync("viewer@devices.test", PortalRoles.Viewer, club);

        var page = Context.Render<DevicesPage>();

        page.WaitForAssertion(() => Assert.Contains("Platform", page.Markup));
        Assert.Equal("Devices", page.Find("h1").TextContent.Trim());
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Contains("Remove all invalid tokens"));
    }

    [Fact]
    public async Task FilteringByStatusShowsOnlyMatchingTokens()
    {
        var club = await CreateClubAsync("device-mall", "Device Mall");
        await SignInAsync("viewer@devices.test", PortalRoles.Viewer, club);
        var member = await CreateMemberAsync(club, "dag@devices.test");
        var live = await RegisterAsync(club, member, "liveToken0123456789abcdefghij", "android");
        await RegisterAsync(club, member, "deadToken0123456789abcdefghij", "ios");
        await InvalidateAsync(club, "deadToken0123456789abcdefghij");

        var page = Context.Render<DevicesPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));
        var status = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Status");
        await page.InvokeAsync(() => status.Instance.ValueChanged.InvokeAsync(Portal.Data.Entities.DeviceTokenStatus.Invalid));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));
        Assert.Contains("deadToke", page.Find("tbody tr").TextContent);
        Assert.DoesNotContain(live, page.Find("tbody").TextContent);
    }

    [Fact]
    public async Task AdminRemovesAllInvalidTokensAfterConfirming()
    {
        var club = await CreateClubAsync("device-mall", "Device Mall");
        await SignInAsync("admin@devices.test", PortalRoles.Admin, club);
        var member = await CreateMemberAsync(club, "dag@devices.test");
        await RegisterAsync(club, member, "liveToken0123456789abcdefghij", "android");
        await RegisterAsync(club, member, "deadToken0123456789abcdefghij", "ios");
        await InvalidateAsync(club, "deadToken0123456789abcdefghij");
        var dialogs = Context.Render<MudDialogProvider>();
        var snackbars = Context.Render<MudSnackbarProvider>();

        var page = Context.Render<DevicesPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));
        page.FindAll("button").Single(b => b.TextContent.Contains("Remove all invalid tokens")).Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete every invalid token of this club?", dialogs.Markup));
        dialogs.FindAll("[role=dialog] button").Single(b => b.TextContent.Trim() == "Remove").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));
        Assert.Contains("liveToke", page.Find("tbody tr").TextContent);
        snackbars.WaitForAssertion(() => Assert.Contains("1 token(s) deleted", snackbars.Markup));
    }

    

    private async Task<long> CreateMemberAsync(int club, string email)
    {
        using var scope = Context.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<MemberService>().CreateAsync(club,
            new MemberDraft { Properties = new JsonObject { ["email"] = email } }, Actor.Import)).Value!.Id;
    }

    private async Task<string> RegisterAsync(int club, long member, string token, string platform)
    {
        using var scope = Context.Services.CreateScope();
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<DeviceTokenService>().RegisterAsync(club, member,
            new DeviceRegistration(token, platform, $"install-{token[..8]}")));
        return token[..8];
    }

    private async Task InvalidateAsync(int club, string token)
    {
        var (rows, _) = await Context.Services.GetRequiredService<DeviceQueryService>().ListAsync(club, new DeviceListQuery());
        Assert.True(await Context.Services.GetRequiredService<DeviceTokenService>().InvalidateAsync(club, rows.Single(r => r.Token == token).Id, "Unregistered"));
    }
}
