using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Account;
using Portal.Features.Audit;
using Portal.Features.Members;
using Portal.Features.MemberPasswords;
using Portal.Features.MemberVerification;

namespace Portal.Components.Tests.Members;

public sealed class MemberDetailPageTests : MemberTest
{
    [Fact]
    public async Task ShowsTheProfileAndEachChannelsStatus()
    {
        await ClubWithUserAsync(PortalRoles.Viewer);
        var id = await CreateMemberAsync("Ola", "Nordmann", "ola@example.no", emailEnabled: false);

        var page = Render(id);

        page.WaitForAssertion(() => Assert.Equal("Ola Nordmann", page.Find("h1").TextContent.Trim()));
        Assert.Contains("ola@example.no", page.Markup);
        Assert.Equal("disabled", Definition(page, "E-mail"));
        Assert.Equal("enabled", Definition(page, "SMS"));
        Assert.Equal("webforms", Definition(page, "Joined through"));
        Assert.Equal(["Profile", "Consents", "Devices", "Applets", "Messages"], page.FindAll("[role=tab]").Select(t => t.TextContent.Trim()));
    }

    [Fact]
    public async Task ShowsWhatTheMemberVerifiedAndWhenThePasswordChangedButNeverTheHash()
    {
        await ClubWithUserAsync(PortalRoles.Viewer);
        var id = await CreateMemberAsync("Vera", "Fied", "vera@example.no", msisdn: "4791234500");
        using (var scope = Context.Services.CreateScope())
        {
            var verifications = scope.ServiceProvider.GetRequiredService<MemberVerificationService>();
            Assert.Equal(MemberVerificationOutcome.Done, await verifications.SendAsync(ClubId, id, VerifiableAddress.Email));
            await using var db = await DbFactory.CreateDbContextAsync();
            var message = await db.OutboxMessages.Where(m => m.Recipient == "vera@example.no").OrderByDescending(m => m.Id).Select(m => m.Body).FirstAsync();
            var code = System.Text.RegularExpressions.Regex.Match(message, @"\b\d{6}\b").Value;
            Assert.Equal(MemberVerificationOutcome.Done, await verifications.VerifyAsync(ClubId, id, VerifiableAddress.Email, code, Actor.System));
            Assert.Equal(MemberPasswordOutcome.Changed, await scope.ServiceProvider.GetRequiredService<MemberPasswordService>()
                .ChangeAsync(ClubId, id, null, null, "vera-password-1", Actor.System));
        }
        string hash;
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            hash = (await db.Members.SingleAsync(m => m.Id == id)).PasswordHash!;
        }

        var page = Render(id);

        page.WaitForAssertion(() => Assert.Equal("Vera Fied", page.Find("h1").TextContent.Trim()));
        Assert.StartsWith("Yes, ", Definition(page, "E-mail verified"));
        Assert.Equal("No", Definition(page, "Mobile verified"));
        Assert.Equal("Yes", Definition(page, "Has password"));
        Assert.Matches(@"\d{4}", Definition(page, "Password last changed"));
        Assert.DoesNotContain(hash, page.Markup);
    }

    [Fact]
    public async Task AMemberWithoutPasswordOrMobileShowsDashes()
    {
        await ClubWithUserAsync(PortalRoles.Viewer);
        var id = await CreateMemberAsync("Nora", "Nothing", "nora@example.no");

        var page = Render(id);

        page.WaitForAssertion(() => Assert.Equal("Nora Nothing", page.Find("h1").TextContent.Trim()));
        Assert.Equal("No", Definition(page, "E-mail verified"));
        Assert.Equal("—", Definition(page, "Mobile verified"));
        Assert.Equal("No", Definition(page, "Has password"));
        Assert.Equal("—", Definition(page, "Password last changed"));
    }

    [Fact]
    public async Task AMemberThatIsGoneIsNotFound()
    {
        await ClubWithUserAsync(PortalRoles.Admin);

        var page = Render(4242);

        page.WaitForAssertion(() => Assert.Equal("Member not found", page.Find("h1").TextContent.Trim()));
        Assert.Contains("This club has no member with id 4242.", page.Markup);
        Assert.Equal("/members", page.FindAll("a").Single(a => a.TextContent.Contains("Back to members")).GetAttribute("href"));
    }

    [Theory]
    [InlineData(PortalRoles.Admin, true)]
    [InlineData(PortalRoles.Marketer, false)]
    [InlineData(PortalRoles.Viewer, false)]
    public async Task OnlyAdminsGetTheMemberActions(string role, bool actions)
    {
        await ClubWithUserAsync(role);
        var id = await CreateMemberAsync("Ola", "Nordmann", "ola@example.no");

        var page = Render(id);

        page.WaitForAssertion(() => Assert.Equal("Ola Nordmann", page.Find("h1").TextContent.Trim()));
        var labels = page.FindAll("a, button").Select(b => b.TextContent.Trim()).ToList();
        foreach (var action in new[] { "Edit", "Ban", "Export data", "Delete" })
        {
            Assert.Equal(actions, labels.Contains(action));
        }
        if (actions)
        {
            Assert.Equal($"/members/{id}/edit", page.FindAll("a").Single(a => a.TextContent.Trim() == "Edit").GetAttribute("href"));
            Assert.Equal(MemberExportEndpoint.DataPath(id), page.FindAll("a").Single(a => a.TextContent.Trim() == "Export data").GetAttribute("href"));
        }
    }

    [Fact]
    public async Task AdminRecordsAWithdrawalAndTheHistoryNamesThem()
    {
        await ClubWithUserAsync(PortalRoles.Admin, "admin@members.test");
        await AddConsentAsync("news", "News by e-mail");
        var id = await CreateMemberAsync("Conny", "Sent", "conny@example.no", consents: new JsonObject { ["news"] = true });
        var page = Render(id);
        page.WaitForAssertion(() => Tab(page, "Consents").Click());
        page.WaitForAssertion(() => Assert.Contains("Given", Answer(page, "News by e-mail").TextContent));
        Assert.Empty(Answer(page, "News by e-mail").QuerySelectorAll("button[aria-label='Record consent: News by e-mail']"));

        page.Find("button[aria-label='Record withdrawal: News by e-mail']").Click();

        page.WaitForAssertion(() => Assert.Contains("Refused", Answer(page, "News by e-mail").TextContent));
        var row = page.FindAll("tr").Single(r => r.TextContent.Contains("admin admin@members.test"));
        Assert.Contains("given → refused", row.TextContent);
        Assert.Contains("portal", row.TextContent);
        Assert.Contains(page.FindAll("tr"), r => r.TextContent.Contains("Portal import"));
        Assert.Contains(Snackbars, s => s.Message == "Withdrawal recorded: News by e-mail");
        Assert.False((await FindMemberAsync(id))!.Consents["news"].Status);
    }

    [Fact]
    public async Task ViewersSeeConsentsWithoutRecordButtons()
    {
        await ClubWithUserAsync(PortalRoles.Viewer);
        await AddConsentAsync("news", "News by e-mail");
        await AddConsentAsync("sms", "Offers by SMS");
        var id = await CreateMemberAsync("Conny", "Sent", "conny@example.no", consents: new JsonObject { ["news"] = false });
        var page = Render(id);

        page.WaitForAssertion(() => Tab(page, "Consents").Click());

        page.WaitForAssertion(() => Assert.Contains("Refused", Answer(page, "News by e-mail").TextContent));
        Assert.Contains("Never answered", Answer(page, "Offers by SMS").TextContent);
        Assert.Empty(page.FindAll("button[aria-label^='Record']"));
    }

    [Fact]
    public async Task AClubWithoutConsentsAndAMemberWithoutHistorySaySo()
    {
        await ClubWithUserAsync(PortalRoles.Admin);
        var id = await CreateMemberAsync("Ola", "Nordmann", "ola@example.no");
        var page = Render(id);

        page.WaitForAssertion(() => Tab(page, "Consents").Click());

        page.WaitForAssertion(() => Assert.Contains("The club asks for no consent yet.", page.Markup));
        Assert.Contains("No consent answer recorded yet.", page.Markup);
        Tab(page, "Messages").Click();
        page.WaitForAssertion(() => Assert.Contains("No push has been sent to this member.", page.Markup));
    }

    [Fact]
    public async Task DeleteAsksFirstAndKeepIsKept()
    {
        await ClubWithUserAsync(PortalRoles.Admin);
        var id = await CreateMemberAsync("Ola", "Nordmann", "ola@example.no");
        var dialogs = Context.Render<MudBlazor.MudDialogProvider>();
        var page = Render(id);
        page.WaitForAssertion(() => Button(page, "Delete").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("Erase Ola Nordmann?", dialogs.Markup));
        Button(dialogs, "Keep").Click();

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Erase Ola Nordmann?", dialogs.Markup));
        Assert.NotNull(await FindMemberAsync(id));
    }

    [Fact]
    public async Task DeleteForGoodErasesTheMemberAndGoesBackToTheList()
    {
        await ClubWithUserAsync(PortalRoles.Admin);
        var id = await CreateMemberAsync("Ola", "Nordmann", "ola@example.no");
        var dialogs = Context.Render<MudBlazor.MudDialogProvider>();
        var page = Render(id);
        page.WaitForAssertion(() => Button(page, "Delete").Click());

        dialogs.WaitForAssertion(() => Button(dialogs, "Delete for good").Click());

        page.WaitForAssertion(() => Assert.EndsWith("/members", CurrentUri));
        Assert.Null(await FindMemberAsync(id));
        Assert.Contains(Snackbars, s => s.Message == $"Member {id} was erased.");
    }

    [Fact]
    public async Task BanAsksUntilWhenAndShowsTheBan()
    {
        await ClubWithUserAsync(PortalRoles.Admin);
        var id = await CreateMemberAsync("Ola", "Nordmann", "ola@example.no");
        var dialogs = Context.Render<MudBlazor.MudDialogProvider>();
        var page = Render(id);
        page.WaitForAssertion(() => Button(page, "Ban").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("Banned until", dialogs.Markup));
        Assert.True(Button(dialogs, "Ban member").HasAttribute("disabled"));

        var until = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd");
        dialogs.FindAll("input").Single(i => i.GetAttribute("type") is null or "text").Change(until);
        dialogs.WaitForAssertion(() => Assert.False(Button(dialogs, "Ban member").HasAttribute("disabled")));
        Button(dialogs, "Ban member").Click();

        page.WaitForAssertion(() => Assert.Contains($"Banned until {until} 00:00", page.Markup));
        Assert.NotNull((await FindMemberAsync(id))!.BannedUntil);
        Assert.Contains(page.FindAll("button"), b => b.TextContent.Trim() == "Lift ban");
    }

    [Fact]
    public async Task LiftBanEndsTheBan()
    {
        await ClubWithUserAsync(PortalRoles.Admin);
        var id = await CreateMemberAsync("Ola", "Nordmann", "ola@example.no");
        await BanAsync(id, DateTime.UtcNow.AddDays(3));
        var page = Render(id);
        page.WaitForAssertion(() => Assert.Contains("Banned until", page.Markup));

        Button(page, "Lift ban").Click();

        page.WaitForAssertion(() => Assert.DoesNotContain("Banned until", page.Markup));
        Assert.Null((await FindMemberAsync(id))!.BannedUntil);
        Assert.Contains(page.FindAll("button"), b => b.TextContent.Trim() == "Ban");
    }

    private IRenderedComponent<MemberDetailPage> Render(long id) => Context.Render<MemberDetailPage>(p => p.Add(x => x.Id, id));

    private static string Definition(IRenderedComponent<MemberDetailPage> page, string term) =>
        page.FindAll("dt").First(d => d.TextContent.Trim() == term).NextElementSibling!.TextContent.Trim();

    private static AngleSharp.Dom.IElement Tab(IRenderedComponent<MemberDetailPage> page, string name) =>
        page.FindAll("[role=tab]").Single(t => t.TextContent.Trim() == name);

    private static AngleSharp.Dom.IElement Answer(IRenderedComponent<MemberDetailPage> page, string title) =>
        page.FindAll("[role=listitem]").Single(i => i.TextContent.Contains(title));

    private static AngleSharp.Dom.IElement Button<T>(IRenderedComponent<T> scope, string text) where T : Microsoft.AspNetCore.Components.IComponent =>
        scope.FindAll("button").Single(b => b.TextContent.Trim() == text);
}
