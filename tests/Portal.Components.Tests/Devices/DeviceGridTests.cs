using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Features.Audit;
using Portal.Components.Tests.Infrastructure;
using Portal.Features.Account;
using Portal.Features.Devices;
using Portal.Features.Members;

namespace Portal.Components.Tests.Devices;

public sealed class DeviceGridTests : ComponentTest
{
    private const string Token = "fcmTokenAbcdefghijklmnopqrstuvwxyz0123456789";
    private static readonly string ShortToken = $"{Token[..8]}…{Token[^6..]}";

    [Fact]
    public async Task ListsTheClubsTokensWithMemberDeviceAndStatus()
    {
        var club = await CreateClubAsync("device-mall", "Device Mall");
        await SignInAsync("viewer@devices.test", PortalRoles.Viewer, club);
        var member = await CreateMemberAsync(club, "dag@devices.test", "Dag", "Device");
        await RegisterAsync(club, member, Token, "android", "infinity-app", "Pixel 8");

        var grid = Context.Render<DeviceGrid>(p => p.Add(x => x.ClubId, club).Add(x => x.TimeZone, "Europe/Oslo"));

        grid.WaitForAssertion(() => Assert.Contains(ShortToken, grid.Find("table[aria-label='Devices'] tbody").TextContent));
        var row = Row(grid, ShortToken);
        Assert.Contains("Dag Device", row.TextContent);
        Assert.Contains("Pixel 8", row.TextContent);
        Assert.Contains("infinity-app", row.TextContent);
        Assert.Contains("active", row.TextContent);
        Assert.Equal("/members/" + member, row.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task ViewerSeesNoRevokeButton()
    {
        var club = await CreateClubAsync("device-mall", "Device Mall");
        await SignInAsync("viewer@devices.test", PortalRoles.Viewer, club);
        await RegisterAsync(club, await CreateMemberAsync(club, "dag@devices.test", "Dag", "Device"), Token, "ios");

        var grid = Context.Render<DeviceGrid>(p => p.Add(x => x.ClubId, club).Add(x => x.TimeZone, "UTC"));

        grid.WaitForAssertion(() => Assert.Contains(ShortToken, grid.Markup));
        Assert.DoesNotContain(grid.FindAll("button"), b => b.TextContent.Contains("Revoke"));
        Assert.NotNull(grid.Find("button[aria-label='Copy token']"));
    }

    [Fact]
    public async Task AdminRevokesATokenAfterConfirmingAndTheRowShowsWhoRevokedIt()
    {
        var club = await CreateClubAsync("device-mall", "Device Mall");
        await SignInAsync("admin@devices.test", PortalRoles.Admin, club);
        var member = await CreateMemberAsync(club, "dag@devices.test", "Dag", "Device");
        await RegisterAsync(club, member, Token, "ios");
        var dialogs = Context.Render<MudDialogProvider>();
        var changed = 0;

        var grid = Context.Render<DeviceGrid>(p => p.Add(x => x.ClubId, club).Add(x => x.TimeZone, "UTC").Add(x => x.MemberId, member)
            .Add(x => x.Changed, () => changed++));
        grid.WaitForElement($"button[aria-label='Revoke token {ShortToken}']").Click();

        dialogs.WaitForAssertion(() => Assert.Contains($"Revoke token {ShortToken}?", dialogs.Markup));
        dialogs.FindAll("[role=dialog] button").Single(b => b.TextContent.Trim() == "Revoke").Click();

        grid.WaitForAssertion(() => Assert.Contains("invalid", Row(grid, ShortToken).TextContent));
        Assert.Contains("Revoked by admin@devices.test", Row(grid, ShortToken).TextContent);
        Assert.Equal(1, changed);
        Assert.Empty(grid.FindAll($"button[aria-label='Revoke token {ShortToken}']"));
    }

    [Fact]
    public async Task CancellingTheConfirmationKeepsTheTokenActive()
    {
        var club = await CreateClubAsync("device-mall", "Device Mall");
        await SignInAsync("admin@devices.test", PortalRoles.Admin, club);
        await RegisterAsync(club, await CreateMemberAsync(club, "dag@devices.test", "Dag", "Device"), Token, "ios");
        var dialogs = Context.Render<MudDialogProvider>();

        var grid = Context.Render<DeviceGrid>(p => p.Add(x => x.ClubId, club).Add(x => x.TimeZone, "UTC"));
        grid.WaitForElement($"button[aria-label='Revoke token {ShortToken}']").Click();
        dialogs.WaitForElement("[role=dialog]");
        dialogs.FindAll("[role=dialog] button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[role=dialog]")));
        Assert.Contains("active", Row(grid, ShortToken).TextContent);
        var (rows, _) = await Context.Services.GetRequiredService<DeviceQueryService>().ListAsync(club, new DeviceListQuery());
        Assert.Equal("active", Assert.Single(rows).Status);
    }

    [Fact]
    public async Task CopyButtonCopiesTheWholeToken()
    {
        var club = await CreateClubAsync("device-mall", "Device Mall");
        await SignInAsync("viewer@devices.test", PortalRoles.Viewer, club);
        await RegisterAsync(club, await CreateMemberAsync(club, "dag@devices.test", "Dag", "Device"), Token, "ios");
        var copy = Context.JSInterop.SetupVoid("portal.copyText", Token);

        var grid = Context.Render<DeviceGrid>(p => p.Add(x => x.ClubId, club).Add(x => x.TimeZone, "UTC"));
        grid.WaitForElement("button[aria-label='Copy token']").Click();

        copy.VerifyInvoke("portal.copyText");
    }

    [Fact]
    public async Task NoTokensShowsTheEmptyText()
    {
        var club = await CreateClubAsync("device-mall", "Device Mall");
        await SignInAsync("viewer@devices.test", PortalRoles.Viewer, club);

        var grid = Context.Render<DeviceGrid>(p => p.Add(x => x.ClubId, club).Add(x => x.TimeZone, "UTC"));

        grid.WaitForAssertion(() => Assert.Contains("No device matches.", grid.Markup));
    }

    private static AngleSharp.Dom.IElement Row<T>(IRenderedComponent<T> cut, string text) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.FindAll("tbody tr").Single(r => r.TextContent.Contains(text));

    private async Task<long> CreateMemberAsync(int club, string email, string first, string last)
    {
        using var scope = Context.Services.CreateScope();
        var member = await scope.ServiceProvider.GetRequiredService<MemberService>().CreateAsync(club,
            new MemberDraft { Properties = new JsonObject { ["email"] = email, ["first_name"] = first, ["last_name"] = last } }, Actor.Import);
        return member.Value!.Id;
    }

    private async Task RegisterAsync(int club, long member, string token, string platform, string? project = null, string? model = null)
    {
        using var scope = Context.Services.CreateScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<DeviceTokenService>().RegisterAsync(club, member,
            new DeviceRegistration(token, platform, $"install-{token[..12]}", project, model));
        Assert.NotNull(outcome);
    }
}
