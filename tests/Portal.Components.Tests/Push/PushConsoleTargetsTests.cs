using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Features.Audit;
using Portal.Features.Account;
using Portal.Features.Push;

namespace Portal.Components.Tests.Push;

public sealed class PushConsoleTargetsTests : PushConsoleTest
{
    private IRenderedComponent<PushConsolePage> RenderConsole(long? member = null)
    {
        Context.Render<MudPopoverProvider>();
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo(member is null ? "/push" : $"/push?member={member}");
        return Context.Render<PushConsolePage>();
    }

    private static string Plan(IRenderedComponent<PushConsolePage> console) => console.Find(".portal-plan[role='status']").TextContent;

    [Fact]
    public async Task AMemberFromTheLinkIsATargetAndThePlanCountsTheirTokensPerProject()
    {
        var memberId = await CreateMemberAsync("pia@example.no");
        await RegisterTokenAsync(memberId, "live-token", "android");
        await RegisterTokenAsync(memberId, "old-token", "ios");
        await RegisterTokenAsync(memberId, "other-token", "android", "other-app");
        await AddFirebaseProjectAsync("infinity-app");
        await AddFirebaseProjectAsync("other-app");
        await SignInAsync("marketer@mall.test", PortalRoles.Marketer, ClubId);

        var console = RenderConsole(memberId);

        console.WaitForAssertion(() => Assert.Contains("3 token(s) · 2 in infinity-app, 1 in other-app", Plan(console)));
        Assert.Equal("pia@example.no", console.Find("[aria-label='Chosen members'] [role='listitem']").TextContent.Trim());
        Assert.Empty(console.FindComponents<MudAlert>());
    }

    [Fact]
    public async Task AddingAndRemovingMembersPlansAgain()
    {
        var pia = await CreateMemberAsync("pia@example.no");
        var ola = await CreateMemberAsync("ola@example.no");
        await RegisterTokenAsync(pia, "pia-token", "android");
        await RegisterTokenAsync(ola, "ola-token", "ios");
        await AddFirebaseProjectAsync();
        await SignInAsync("marketer@mall.test", PortalRoles.Marketer, ClubId);
        var console = RenderConsole(pia);
        console.WaitForAssertion(() => Assert.Contains("1 token(s)", Plan(console)));

        console.Find("#target-member").Input("ola@example.no");
        console.Find("form.portal-member-picker").Submit();
        console.WaitForAssertion(() => Assert.Contains("2 token(s) · 2 in infinity-app", Plan(console)));

        console.Find("button[aria-label='Remove pia@example.no']").Click();
        console.WaitForAssertion(() => Assert.Contains("1 token(s) · 1 in infinity-app", Plan(console)));
    }

    [Fact]
    public async Task TokensInAProjectWithoutAKeyAreWarnedAbout()
    {
        var memberId = await CreateMemberAsync("pia@example.no");
        await RegisterTokenAsync(memberId, "live-token", "android");
        await SignInAsync("marketer@mall.test", PortalRoles.Marketer, ClubId);

        var console = RenderConsole(memberId);

        console.WaitForAssertion(() => Assert.Contains("1 token(s) · 1 in infinity-app", Plan(console)));
        var warning = Assert.Single(console.FindComponents<MudAlert>());
        Assert.Equal(Severity.Warning, warning.Instance.Severity);
        Assert.Contains("No service-account key for Firebase project \"infinity-app\": its tokens will not be sent.", warning.Markup);
    }

    [Fact]
    public async Task APastedTokenCountsInItsProjectAndCanBeKeptAsATestDevice()
    {
        await AddFirebaseProjectAsync("infinity-app");
        await SignInAsync("marketer@mall.test", PortalRoles.Marketer, ClubId);
        var console = RenderConsole();
        Assert.Equal("Or paste a token", console.Find("label[for='raw-token']").TextContent.Trim());
        Assert.Empty(console.FindAll(".portal-plan"));
        Assert.Empty(console.FindAll("#test-device-label"));

        console.Find("#raw-token").Change("pasted-token-" + new string('x', 40));
        console.WaitForAssertion(() => Assert.Contains("1 token(s) · 1 in (no project)", Plan(console)));
        Assert.Contains("Firebase project \"(no project)\"", Assert.Single(console.FindComponents<MudAlert>()).Markup);

        var project = console.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Its Firebase project");
        await console.InvokeAsync(() => project.Instance.ValueChanged.InvokeAsync("infinity-app"));
        console.WaitForAssertion(() => Assert.Contains("1 token(s) · 1 in infinity-app", Plan(console)));
        Assert.Empty(console.FindComponents<MudAlert>());

        // Saving without a name breaks the library's rule; the message shows under the name field.
        await ClickAsync(console, "Save test device");
        console.WaitForAssertion(() => Assert.Contains("A test device needs a label", Field(console, "test-device-label")));

        console.Find("#test-device-label").Change("Anna's iPhone");
        await ClickAsync(console, "Save test device");
        console.WaitForAssertion(() => Assert.DoesNotContain("A test device needs a label", console.Markup));
        var devices = await WithAsync(p => p.GetRequiredService<PushLibraryService>().TestDevicesAsync(ClubId));
        Assert.Equal("Anna's iPhone", Assert.Single(devices).Label);
        var select = console.FindComponents<MudSelect<int>>().Single(s => s.Instance.Label == "Test devices");
        console.WaitForAssertion(() => Assert.False(select.Instance.Disabled));
    }

    [Fact]
    public async Task ASavedTestDeviceIsATarget()
    {
        await AddFirebaseProjectAsync();
        await WithAsync(async p =>
        {
            await p.GetRequiredService<PushLibraryService>().SaveTestDeviceAsync(ClubId, "Anna's iPhone", "anna-token-" + new string('a', 40), "infinity-app", "ios", Actor.System);
            return 0;
        });
        await SignInAsync("marketer@mall.test", PortalRoles.Marketer, ClubId);
        var console = RenderConsole();
        var select = console.FindComponents<MudSelect<int>>().Single(s => s.Instance.Label == "Test devices");
        var deviceId = (await WithAsync(p => p.GetRequiredService<PushLibraryService>().TestDevicesAsync(ClubId))).Single().Id;

        await console.InvokeAsync(() => select.Instance.SelectedValuesChanged.InvokeAsync(new[] { deviceId }));

        console.WaitForAssertion(() => Assert.Contains("1 token(s) · 1 in infinity-app", Plan(console)));
    }
}
