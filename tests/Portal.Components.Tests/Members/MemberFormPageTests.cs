using Portal.Features.Account;
using Portal.Features.Members;

namespace Portal.Components.Tests.Members;

public sealed class MemberFormPageTests : MemberTest
{
    [Fact]
    public async Task RuleErrorsShowUnderTheirFieldsAndNothingIsCreated()
    {
        await ClubWithUserAsync(PortalRoles.Admin);
        Navigate("/members/new");
        var page = Context.Render<MemberFormPage>();
        page.WaitForAssertion(() => Field(page, "Email"));

        Field(page, "First name").Change("Frida");
        Field(page, "Email").Change("not-an-email");
        Field(page, "Mobile number").Change("12");
        SubmitButton(page, "Create member").Click();

        page.WaitForAssertion(() => Assert.Equal("true", Field(page, "Email").GetAttribute("aria-invalid")));
        Assert.Contains("Enter an e-mail address, e.g. name@example.com.", FieldBlock(page, "Email").TextContent);
        Assert.Contains("Enter a mobile number with country code", FieldBlock(page, "Mobile number").TextContent);
        Assert.DoesNotContain("Enter", FieldBlock(page, "First name").TextContent);
        Assert.EndsWith("/members/new", CurrentUri);
        Assert.Equal(0, await CountMembersAsync());
    }

    [Fact]
    public async Task AValidFormCreatesTheMemberAndOpensIt()
    {
        await ClubWithUserAsync(PortalRoles.Admin);
        var page = Context.Render<MemberFormPage>();
        page.WaitForAssertion(() => Field(page, "Email"));

        Field(page, "First name").Change("Frida");
        Field(page, "Last name").Change("Formsen");
        Field(page, "Email").Change("frida@example.no");
        SubmitButton(page, "Create member").Click();

        page.WaitForAssertion(() => Assert.Matches(@"/members/\d+$", CurrentUri));
        var member = await FindMemberAsync(long.Parse(CurrentUri.Split('/')[^1]));
        Assert.NotNull(member);
        Assert.Equal("Frida Formsen", member.Name);
        Assert.Equal("portal", member.OptinChannel);
        Assert.Contains(Snackbars, s => s.Message == "Member created");
    }

    [Fact]
    public async Task EditShowsTheMembersValuesAndSavesChanges()
    {
        await ClubWithUserAsync(PortalRoles.Admin);
        var id = await CreateMemberAsync("Ola", "Nordmann", "ola@example.no", emailEnabled: false);
        var page = Context.Render<MemberFormPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.Equal("Ola", Field(page, "First name").GetAttribute("value")));
        Assert.Equal("ola@example.no", Field(page, "Email").GetAttribute("value"));
        Assert.False(Checkbox(page, "E-mail").HasAttribute("checked"));
        Assert.True(Checkbox(page, "SMS").HasAttribute("checked"));

        Field(page, "Last name").Change("Nordmann-Berg");
        SubmitButton(page, "Save changes").Click();

        page.WaitForAssertion(() => Assert.EndsWith($"/members/{id}", CurrentUri));
        Assert.Equal("Ola Nordmann-Berg", (await FindMemberAsync(id))!.Name);
        Assert.Contains(Snackbars, s => s.Message == "Changes saved");
    }

    [Fact]
    public async Task EditingAMemberThatIsGoneSaysSo()
    {
        await ClubWithUserAsync(PortalRoles.Admin);

        var page = Context.Render<MemberFormPage>(p => p.Add(x => x.Id, 4242L));

        page.WaitForAssertion(() => Assert.Contains("This club has no member with id 4242.", page.Markup));
        Assert.Empty(page.FindAll("button[type=submit]"));
    }

    /// <summary>The input a label names, the way a screen reader finds it.</summary>
    private static AngleSharp.Dom.IElement Field(IRenderedComponent<MemberFormPage> page, string label)
    {
        var element = page.FindAll("label").First(l => l.TextContent.Trim().TrimEnd('*', ' ') == label);
        return page.Find($"#{element.GetAttribute("for")}");
    }

    /// <summary>The field with its label, helper and error texts.</summary>
    private static AngleSharp.Dom.IElement FieldBlock(IRenderedComponent<MemberFormPage> page, string label) =>
        Field(page, label).Closest(".mud-input-control")!;

    private static AngleSharp.Dom.IElement Checkbox(IRenderedComponent<MemberFormPage> page, string label) =>
        page.FindAll("label").First(l => l.TextContent.Trim() == label).QuerySelector("input[type=checkbox]")!;

    private static AngleSharp.Dom.IElement SubmitButton(IRenderedComponent<MemberFormPage> page, string text) =>
        page.FindAll("button[type=submit]").Single(b => b.TextContent.Trim() == text);
}
