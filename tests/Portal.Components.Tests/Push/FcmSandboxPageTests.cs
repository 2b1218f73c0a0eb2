using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using MudBlazor;
using Portal.Components.Tests.Infrastructure;
using Portal.Features.Account;
using Portal.Features.Push;

namespace Portal.Components.Tests.Push;

public sealed class FcmSandboxPageTests : ComponentTest
{
    [Fact]
    public async Task OutsideDevelopmentTheSandboxIsOff()
    {
        await SignInAsync("marketer@mall.test", PortalRoles.Marketer);

        var page = Context.Render<FcmSandboxPage>();

        var notice = page.FindComponent<MudAlert>();
        Assert.Equal(Severity.Info, notice.Instance.Severity);
        Assert.Contains("The sandbox is off: it exists only in Development (Fcm:SandboxEnabled).", notice.Markup);
        Assert.Empty(page.FindAll("table"));
    }

}

public sealed class FcmSandboxPageInDevelopmentTests : ComponentTest
{
    public override Task InitializeAsync()
    {
        Context.Services.AddSingleton<IWebHostEnvironment>(new DevelopmentEnvironment());
        Context.Services.Configure<FcmOptions>(o => o.SandboxEnabled = true);
        return base.InitializeAsync();
    }

    [Fact]
    public async Task AnEmptySandboxSaysHowToFillIt()
    {
        await SignInAsync("marketer@mall.test", PortalRoles.Marketer);

        var page = Context.Render<FcmSandboxPage>();

        Assert.Empty(page.FindComponents<MudAlert>());
        Assert.Equal(["Received (UTC)", "Token", "Push", "Request"], page.FindAll("[aria-label='Received messages'] thead th").Select(h => h.TextContent.Trim()));
        Assert.Contains("Nothing received yet. Send from the push console to members with sandbox tokens.", page.Markup);
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Refresh").Click();
        Assert.Contains("Nothing received yet.", page.Markup);
    }

    private sealed class DevelopmentEnvironment : IWebHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;
        public string ApplicationName { get; set; } = "Portal";
        public string WebRootPath { get; set; } = Path.GetTempPath();
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
