using Portal.E2E.Infrastructure;
using Portal.E2E.Pages;

namespace Portal.E2E.Devices;

[Collection(PortalE2ECollection.Name)]
public sealed class DevicePagesTests(PortalAppFixture app, PlaywrightFixture playwright) : PortalE2ETest(app, playwright)
{
    [Fact]
    public async Task TokenFromTheAppShowsOnBothPagesAndRevokingItEndsHasPushToken()
    {
        using var appClient = new AppClient(App);
        var memberId = await appClient.CreateMemberAsync($"device-{Guid.NewGuid():N}@example.no", "Dag", "Device");
        var token = $"fcm{Guid.NewGuid():N}{Guid.NewGuid():N}";
        await appClient.RegisterAppTokenAsync(await appClient.SignInAsync(memberId), token, "dag-phone");
        Assert.True((await appClient.MemberAsync(memberId))["has_push_token"]!.GetValue<bool>());
        var shortToken = $"{token[..8]}…{token[^6..]}";

        await RunInPageAsync(async page =>
        {
            await page.GotoAsync("/devices");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Devices", Level = 1 })).ToBeVisibleAsync();
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = shortToken });
            await Expect(row).ToContainTextAsync("Dag Device");
            await Expect(row).ToContainTextAsync("infinity-app");

            await page.GotoAsync($"/members/{memberId}");
            var detail = new MemberDetailPage(page);
            await Expect(detail.Heading("Dag Device")).ToBeVisibleAsync();
            await detail.Tab("Devices").ClickAsync();
            var memberRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = shortToken });
            await Expect(memberRow).ToContainTextAsync("active");

            await memberRow.GetByRole(AriaRole.Button, new() { Name = $"Revoke token {shortToken}" }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();

            await Expect(memberRow).ToContainTextAsync("invalid");
            await Expect(memberRow).ToContainTextAsync($"Revoked by {App.Admin.Email}");
        }, signedInAs: App.Admin);

        var member = await appClient.MemberAsync(memberId);
        Assert.False(member["has_push_token"]!.GetValue<bool>());
        Assert.Equal("disabled", member["push_status"]!.GetValue<string>());
    }
}
