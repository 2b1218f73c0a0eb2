using Portal.Components.Tests.Push;
using Portal.Features.Account;
using Portal.Features.Members;

namespace Portal.Components.Tests.Members;

public sealed class MemberPickerTests : PushConsoleTest
{
    private readonly List<IReadOnlyList<MemberPick>> changes = [];

    private IRenderedComponent<MemberPicker> RenderPicker(IReadOnlyList<MemberPick>? selected = null) =>
        Context.Render<MemberPicker>(p => p
            .Add(x => x.ClubId, ClubId)
            .Add(x => x.Selected, selected ?? [])
            .Add(x => x.SelectedChanged, (IReadOnlyList<MemberPick> picks) => changes.Add(picks)));

    private static void Look(IRenderedComponent<MemberPicker> picker, string text)
    {
        picker.Find("#target-member").Input(text);
        picker.Find("form").Submit();
    }

    [Theory]
    [InlineData("pia@example.no")]
    [InlineData("  PIA@example.no ")]
    [InlineData("+47 912 34 567")]
    public async Task FindsAMemberByEmailOrMobileNumber(string text)
    {
        var memberId = await CreateMemberAsync("pia@example.no", "+4791234567");
        await SignInAsync("marketer@mall.test", PortalRoles.Marketer, ClubId);
        var picker = RenderPicker();

        Assert.Equal("Member e-mail, mobile number or id", picker.Find("label[for='target-member']").TextContent.Trim());
        Look(picker, text);

        picker.WaitForAssertion(() => Assert.Equal(memberId, Assert.Single(Assert.Single(changes)).Id));
        Assert.Equal("pia@example.no", changes[0][0].Label);
    }

    [Fact]
    public async Task FindsAMemberByIdAndDoesNotPickItTwice()
    {
        var memberId = await CreateMemberAsync("ola@example.no");
        await SignInAsync("marketer@mall.test", PortalRoles.Marketer, ClubId);
        var picker = RenderPicker([new MemberPick(memberId, "ola@example.no")]);

        Look(picker, memberId.ToString());

        picker.WaitForAssertion(() => Assert.Equal("", picker.Find("#target-member").GetAttribute("value") ?? ""));
        Assert.Empty(changes);
        Assert.DoesNotContain("No member of this club matches.", picker.Markup);
    }

    [Fact]
    public async Task AMemberOfAnotherClubOrNobodyIsNotFound()
    {
        var otherClub = await CreateClubAsync("other-mall", "Other Mall");
        var stranger = await CreateMemberAsync("stranger@example.no", clubId: otherClub);
        await SignInAsync("marketer@mall.test", PortalRoles.Marketer, ClubId);
        var picker = RenderPicker();

        Look(picker, "stranger@example.no");
        picker.WaitForAssertion(() => Assert.Contains("No member of this club matches.", Field(picker, "target-member")));
        Look(picker, stranger.ToString());
        picker.WaitForAssertion(() => Assert.Contains("No member of this club matches.", Field(picker, "target-member")));

        Assert.Empty(changes);
    }

    [Fact]
    public async Task PickedMembersShowAsChipsThatCanBeRemoved()
    {
        await SignInAsync("marketer@mall.test", PortalRoles.Marketer, ClubId);
        var picker = RenderPicker([new MemberPick(1, "Pia Push"), new MemberPick(2, "Ola Nordmann")]);

        var chips = picker.FindAll("[role='listitem']");
        Assert.Equal(["Pia Push", "Ola Nordmann"], chips.Select(c => c.TextContent.Trim()));
        picker.Find("button[aria-label='Remove Pia Push']").Click();

        picker.WaitForAssertion(() => Assert.Equal([2L], Assert.Single(changes).Select(m => m.Id)));
    }
}
