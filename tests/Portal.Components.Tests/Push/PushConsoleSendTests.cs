using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.Push;
using Portal.Tests.Push;

namespace Portal.Components.Tests.Push;

public sealed class PushConsoleSendTests : PushConsoleTest
{
    private long memberId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Context.Render<MudPopoverProvider>();
        memberId = await CreateMemberAsync("pia@example.no");
        await RegisterTokenAsync(memberId, "live-token", "android");
        await RegisterTokenAsync(memberId, "dead-token", "ios");
        await AddFirebaseProjectAsync();
        // FCM says the old phone's token is gone, every time it is asked.
        Fcm.Script("dead-token", Enumerable.Repeat(new FakeAnswer(404, "UNREGISTERED", Message: "Requested entity was not found."), 5).ToArray());
    }

    private IRenderedComponent<PushConsolePage> RenderConsole(bool withMember = true)
    {
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo(withMember ? $"/push?member={memberId}" : "/push");
        var console = Context.Render<PushConsolePage>();
        if (withMember)
        {
            console.WaitForAssertion(() => Assert.Contains("2 token(s)", console.Find(".portal-plan").TextContent));
        }
        return console;
    }

    private static string Status(IRenderedComponent<PushConsolePage> console) => console.FindAll("p[role='status']").Single().TextContent;

    private static string Row(IRenderedComponent<PushConsolePage> console, string tableLabel, string text) =>
        console.FindAll($"[aria-label='{tableLabel}'] tbody tr").Single(r => r.TextContent.Contains(text)).TextContent;

    private static string Results(IRenderedComponent<PushConsolePage> console) => console.FindAll("h2").Single(h => h.TextContent.Contains("results")).TextContent.Trim();

    private async Task<string> TokenStatusAsync(string token)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        return (await db.DeviceTokens.SingleAsync(t => t.Token == token)).Status;
    }

    [Fact]
    public async Task ThePreviewShowsTheMessageAsItIsTyped()
    {
        await SignInAsync("marketer@mall.test", PortalRoles.Marketer, ClubId);
        var console = RenderConsole();
        Assert.Contains("Title", console.Find("[aria-label='Android preview']").TextContent);

        console.Find("#push-title").Input("Weekend offers");
        console.Find("#push-body").Input("Open the app for your coupons");

        var android = console.Find("[aria-label='Android preview']").TextContent;
        Assert.True(android.Contains("Android · Mall"), android);
        Assert.Contains("Weekend offers", android);
        Assert.Contains("Open the app for your coupons", android);
        Assert.Contains("iOS · MALL", console.Find("[aria-label='iOS preview']").TextContent);
        Assert.Contains("Weekend offers", console.Find("[aria-label='iOS preview']").TextContent);
    }

    [Fact]
    public async Task AnEmptyMessageIsRefusedUnderTheTitleAndNothingIsSent()
    {
        await SignInAsync("marketer@mall.test", PortalRoles.Marketer, ClubId);
        var console = RenderConsole();
        Assert.Equal("Title", console.Find("label[for='push-title']").TextContent.Trim());

        await ClickAsync(console, "Dry run");

        console.WaitForAssertion(() => Assert.Contains("Give the push a title, a body or some data.", Field(console, "push-title")));
        Assert.Empty(Fcm.Requests);
        Assert.DoesNotContain("Dry run results", console.Markup);
    }

    [Fact]
    public async Task CustomDataThatIsNotKeyValueIsRefusedUnderIt()
    {
        await SignInAsync("marketer@mall.test", PortalRoles.Marketer, ClubId);
        var console = RenderConsole();
        console.Find("#push-title").Input("Weekend offers");
        console.Find("#push-data").Change("offer=42\nnonsense");

        await ClickAsync(console, "Send");

        console.WaitForAssertion(() => Assert.Contains("\"nonsense\" is not key=value.", Field(console, "push-data")));
        Assert.Empty(Fcm.Requests);
    }

    [Fact]
    public async Task ASendWithoutTargetsIsRefused()
    {
        await SignInAsync("marketer@mall.test", PortalRoles.Marketer, ClubId);
        var console = RenderConsole(withMember: false);
        console.Find("#push-title").Input("Weekend offers");

        await ClickAsync(console, "Send");

        console.WaitForAssertion(() => Assert.Contains("These targets have no active device token.", console.Find("[role='alert']").TextContent));
        Assert.Empty(Fcm.Requests);
    }

    [Fact]
    public async Task AViewerCannotSend()
    {
        await SignInAsync("viewer@mall.test", PortalRoles.Viewer, ClubId);
        var console = RenderConsole();
        console.Find("#push-title").Input("Weekend offers");

        await ClickAsync(console, "Send");

        console.WaitForAssertion(() => Assert.Contains("Not allowed: only Admins and Marketers can send pushes.", console.Find("[role='alert']").TextContent));
        Assert.Empty(Fcm.Requests);
    }

    [Fact]
    public async Task ADryRunShowsWhatASendWouldMeetAndChangesNothing()
    {
        await SignInAsync("marketer@mall.test", PortalRoles.Marketer, ClubId);
        var console = RenderConsole();
        console.Find("#push-title").Input("Weekend offers");

        await ClickAsync(console, "Dry run");

        console.WaitForAssertion(() => Assert.StartsWith("1 accepted, 1 failed · message id", Status(console).Trim()), TimeSpan.FromSeconds(10));
        Assert.Equal("Dry run results", Results(console));
        Assert.Contains("UNREGISTERED", Row(console, "Results per token", "dead-token"));
        Assert.Contains("Token no longer registered", Row(console, "Results per token", "dead-token"));
        Assert.Contains("accepted", Row(console, "Results per token", "live-token"));
        Assert.True(Fcm.Requests.All(r => r["validate_only"]?.GetValue<bool>() == true));
        Assert.Equal(DeviceTokenStatus.Active, await TokenStatusAsync("dead-token"));
        var history = Row(console, "Sent pushes", "Weekend offers");
        Assert.Contains("dry run to member", history);
        Assert.Contains("1 accepted, 1 failed", history);
    }

    [Fact]
    public async Task ASendReachesFirebaseOnceAndRetiresTheDeadToken()
    {
        await SignInAsync("marketer@mall.test", PortalRoles.Marketer, ClubId);
        var console = RenderConsole();
        console.Find("#push-title").Input("Weekend offers");

        await ClickAsync(console, "Send");

        console.WaitForAssertion(() => Assert.StartsWith("1 accepted, 1 failed · message id", Status(console).Trim()), TimeSpan.FromSeconds(10));
        Assert.Equal("Send results", Results(console));
        var messageId = console.Find("p[role='status'] code").TextContent.Trim();
        Assert.Equal(1, Fcm.Accepted["live-token"]);
        Assert.Equal(messageId, Fcm.Requests.Single(r => r["message"]?["token"]?.GetValue<string>() == "live-token")["message"]?["data"]?[FcmPayload.MessageIdKey]?.GetValue<string>());
        Assert.Equal(DeviceTokenStatus.Invalid, await TokenStatusAsync("dead-token"));
        // The dead token is gone from the plan; the send is in the history.
        console.WaitForAssertion(() => Assert.Contains("1 token(s)", console.Find(".portal-plan").TextContent));
        Assert.Contains("sent to member", Row(console, "Sent pushes", "Weekend offers"));
        Assert.False(Button(console, "Send").HasAttribute("disabled"));
    }

    [Fact]
    public async Task SendAgainLoadsAPastPushWithItsTargets()
    {
        await SignInAsync("marketer@mall.test", PortalRoles.Marketer, ClubId);
        var first = RenderConsole();
        first.Find("#push-title").Input("Weekend offers");
        first.Find("#push-body").Input("Open the app");
        await ClickAsync(first, "Dry run");
        first.WaitForAssertion(() => Assert.Contains("Weekend offers", Row(first, "Sent pushes", "Weekend offers")), TimeSpan.FromSeconds(10));

        var console = RenderConsole(withMember: false);
        Assert.DoesNotContain("Dry run results", console.Markup);
        console.Find("button[aria-label='Send again: Weekend offers']").Click();

        console.WaitForAssertion(() => Assert.Contains("2 token(s)", console.Find(".portal-plan").TextContent));
        Assert.Equal("Weekend offers", console.Find("#push-title").GetAttribute("value"));
        Assert.Contains("Open the app", console.Find("[aria-label='Android preview']").TextContent);
        Assert.Equal("pia@example.no", console.Find("[aria-label='Chosen members'] [role='listitem']").TextContent.Trim());
        Assert.Equal("Dry run results", Results(console));
    }
}
