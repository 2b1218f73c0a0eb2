using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Features.Account;
using Portal.Features.Push;

namespace Portal.Components.Tests.Push;

public sealed class PushConsoleTemplateTests : PushConsoleTest
{
    private IRenderedComponent<PushConsolePage> RenderConsole()
    {
        Context.Render<MudPopoverProvider>();
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/push");
        return Context.Render<PushConsolePage>();
    }

    [Fact]
    public async Task APushIsSavedAsATemplateAndFillsTheComposerWhenChosen()
    {
        await SignInAsync("marketer@mall.test", PortalRoles.Marketer, ClubId);
        var console = RenderConsole();
        var templates = console.FindComponents<MudSelect<int?>>().Single(s => s.Instance.Label == "Start from a template");
        Assert.True(templates.Instance.Disabled);
        Assert.Equal("None saved yet", templates.Instance.Placeholder);
        console.Find("#push-title").Input("Weekend offers");
        console.Find("#push-data").Change("offer=42");

        // Without a name the library refuses it, under the name field.
        await ClickAsync(console, "Save template");
        console.WaitForAssertion(() => Assert.Contains("A template needs a name", Field(console, "template-name")));

        console.Find("#template-name").Change("Weekend");
        await ClickAsync(console, "Save template");
        console.WaitForAssertion(() => Assert.False(templates.Instance.Disabled));
        Assert.DoesNotContain("A template needs a name", console.Markup);
        var saved = Assert.Single(await WithAsync(p => p.GetRequiredService<PushLibraryService>().TemplatesAsync(ClubId)));
        Assert.Equal("Weekend", saved.Name);

        console.Find("#push-title").Input("Something else");
        console.Find("#push-data").Change("");
        await console.InvokeAsync(() => templates.Instance.ValueChanged.InvokeAsync(saved.Id));

        console.WaitForAssertion(() => Assert.Equal("Weekend offers", console.Find("#push-title").GetAttribute("value")));
        Assert.Equal("offer=42", console.Find("#push-data").GetAttribute("value"));
        Assert.Contains("Weekend offers", console.Find("[aria-label='Android preview']").TextContent);
    }

    [Fact]
    public async Task AViewerCannotSaveATemplate()
    {
        await SignInAsync("viewer@mall.test", PortalRoles.Viewer, ClubId);
        var console = RenderConsole();
        console.Find("#push-title").Input("Weekend offers");
        console.Find("#template-name").Change("Weekend");

        await ClickAsync(console, "Save template");

        console.WaitForAssertion(() => Assert.Contains("Not allowed: only Admins and Marketers can use the push console.", console.Find("[role='alert']").TextContent));
        Assert.Empty(await WithAsync(p => p.GetRequiredService<PushLibraryService>().TemplatesAsync(ClubId)));
    }
}
