using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Features.Audit;
using Portal.Components.Tests.Infrastructure;
using Portal.Features.Account;
using Portal.Features.Applets;
using Portal.Features.Members;

namespace Portal.Components.Tests.Applets;

public sealed class AddToAppletFormTests : ComponentTest
{
    [Fact]
    public async Task AdminAddsAMemberFoundByEmail()
    {
        var club = await CreateClubAsync("applet-mall", "Applet Mall");
        await SignInAsync("admin@applets.test", PortalRoles.Admin, club);
        var applet = await CreateAppletAsync(club, "Coffee club");
        var member = await CreateMemberAsync(club, "alma@applets.test");
        var added = 0;

        var form = Context.Render<AddToAppletForm>(p => p.Add(x => x.ClubId, club).Add(x => x.Added, () => added++));
        await ChooseAsync(form, applet);
        form.Find("#add-member").Change("alma@applets.test");
        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Equal(1, added));
        var (rows, _) = await Context.Services.GetRequiredService<AppletMembershipService>().ListAsync(club, applet, null, null, 0, 10);
        Assert.Equal(member, Assert.Single(rows).MemberId);
        Assert.Empty(form.FindAll("[role=alert]"));
    }

    [Fact]
    public async Task NoAppletChosenAndUnknownMemberAreShownUnderTheirFields()
    {
        var club = await CreateClubAsync("applet-mall", "Applet Mall");
        await SignInAsync("admin@applets.test", PortalRoles.Admin, club);
        var applet = await CreateAppletAsync(club, "Coffee club");

        var form = Context.Render<AddToAppletForm>(p => p.Add(x => x.ClubId, club));
        form.WaitForElement("form").Submit();
        form.WaitForAssertion(() => Assert.Contains("Choose an applet.", form.Markup));

        await ChooseAsync(form, applet);
        form.Find("#add-member").Change("nobody@applets.test");
        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Equal("true", form.Find("#add-member").GetAttribute("aria-invalid")));
        FieldMessages.AssertUnderField(form.Find("#add-member"), "No member of this club has that e-mail address or mobile number.");
        Assert.DoesNotContain("Choose an applet.", form.Markup);
    }

    [Fact]
    public async Task AddingTheSameMemberTwiceIsRefused()
    {
        var club = await CreateClubAsync("applet-mall", "Applet Mall");
        await SignInAsync("admin@applets.test", PortalRoles.Admin, club);
        var applet = await CreateAppletAsync(club, "Coffee club");
        var member = await CreateMemberAsync(club, "alma@applets.test");

        var added = 0;
        var form = Context.Render<AddToAppletForm>(p => p.Add(x => x.ClubId, club).Add(x => x.MemberId, member).Add(x => x.Added, () => added++));
        Assert.Empty(form.FindAll("#add-member"));
        await ChooseAsync(form, applet);
        form.Find("form").Submit();
        form.WaitForAssertion(() => Assert.Equal(1, added));
        Assert.Empty(form.FindAll("[role=alert]"));
        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Contains("The member has already joined this applet.", form.Find("[role=alert]").TextContent));
    }

    [Fact]
    public async Task MarketerGetsNoForm()
    {
        var club = await CreateClubAsync("applet-mall", "Applet Mall");
        await SignInAsync("marketer@applets.test", PortalRoles.Marketer, club);
        await CreateAppletAsync(club, "Coffee club");

        var form = Context.Render<AddToAppletForm>(p => p.Add(x => x.ClubId, club));

        Assert.Empty(form.FindAll("form"));
        Assert.DoesNotContain("Add to applet", form.Markup);
    }

    private static async Task ChooseAsync(IRenderedComponent<AddToAppletForm> form, string appletId)
    {
        form.WaitForState(() => form.FindComponents<MudSelect<string>>().Count == 1);
        var select = form.FindComponent<MudSelect<string>>();
        await form.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(appletId));
    }

    private async Task<string> CreateAppletAsync(int club, string name)
    {
        using var scope = Context.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<AppletService>().CreateAsync(club, new AppletInput(name, null, null, null, false, []), Actor.System)).Value!.Id;
    }

    private async Task<long> CreateMemberAsync(int club, string email)
    {
        using var scope = Context.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<MemberService>().CreateAsync(club,
            new MemberDraft { Properties = new JsonObject { ["email"] = email } }, Actor.Import)).Value!.Id;
    }
}
