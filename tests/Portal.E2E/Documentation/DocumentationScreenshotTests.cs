using Portal.E2E.Infrastructure;
using Portal.E2E.Pages;

namespace Portal.E2E.Documentation;

/// <summary>
/// Keeps the README's pictures in step with the app: each is taken only after the page shows what the picture is
/// meant to show. A test run writes them to artifacts/screenshots/ (git-ignored), so it leaves the tree as it was;
/// with <c>PORTAL_UPDATE_SCREENSHOTS=1</c> it replaces docs/screenshots/ instead. Review the changed PNGs with the commit.
/// </summary>
[Collection(PristineAppCollection.Name)]
public sealed class DocumentationScreenshotTests(PortalAppFixture app, PlaywrightFixture playwright) : PortalE2ETest(app, playwright)
{
    private static readonly ViewportSize DesktopViewport = new() { Width = 1440, Height = 900 };

    [Fact]
    public Task CapturesDocumentationScreenshots() => RunInPageAsync(async page =>
    {
        var login = await LoginPage.OpenAsync(page);
        await Expect(login.Email).ToBeVisibleAsync();
        await Expect(login.SignInButton).ToBeVisibleAsync();
        await CaptureAsync(page, "login.png");

        await login.SignInAsync(App.Admin);
        var dashboard = new DashboardPage(page);
        await dashboard.ExpectShownAsync(PortalAppFixture.DemoClubName);
        await Expect(dashboard.StatValue("Members")).ToHaveTextAsync(PortalAppFixture.DemoClubMembers.ToString());
        await Expect(page.GetByRole(AriaRole.Row)).ToHaveCountAsync(6); // header + the five newest members
        await CaptureAsync(page, "dashboard.png");

        var members = await MembersPage.OpenAsync(page);
        await Expect(members.Row("ola.nordmann@example.no")).ToBeVisibleAsync();
        await CaptureAsync(page, "members.png");

        await members.Row("ola.nordmann@example.no").GetByRole(AriaRole.Link, new() { Name = "Ola Nordmann" }).ClickAsync();
        var detail = new MemberDetailPage(page);
        await Expect(detail.Heading("Ola Nordmann")).ToBeVisibleAsync();
        await detail.Tab("Consents").ClickAsync();
        await Expect(detail.HistoryRow("import")).ToHaveCountAsync(2);
        await CaptureAsync(page, "member-consents.png");

        await page.GotoAsync("/consents");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Answers per consent" })).ToContainTextAsync("News and offers by e-mail");
        // The chart is an image described in words; wait for its drawing (an SVG) inside it.
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "News and offers by e-mail" });
        await Expect(chart.Locator("svg").First).ToBeVisibleAsync();
        await CaptureAsync(page, "consents.png");

        await page.GotoAsync("/applets");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Infinity Café stamps" })).ToContainTextAsync("loyalty IM-CAFE");
        await CaptureAsync(page, "applets.png");

        await page.GotoAsync("/push?member=1");
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("token(s)");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Black Friday starts now");
        await page.GetByLabel("Body", new() { Exact = true }).FillAsync("30 % off in 120 stores until Sunday. Show this push at the till.");
        await Expect(page.GetByLabel("iOS preview")).ToContainTextAsync("Black Friday starts now");
        await CaptureAsync(page, "push-console.png");

        await page.GotoAsync("/users");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = App.Admin.Email })).ToContainTextAsync("Admin");
        await CaptureAsync(page, "users.png");

        await page.GotoAsync("/audit");
        await Expect(page.Locator("code[data-action='account.signed_in']").First).ToBeVisibleAsync();
        await CaptureAsync(page, "audit-log.png");
    }, viewport: DesktopViewport);

    private static async Task CaptureAsync(IPage page, string fileName)
    {
        await page.EvaluateAsync("() => document.fonts.ready");
        // Typing may have scrolled the page; pictures start at the top.
        await page.EvaluateAsync("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }");
        var folder = UpdateTrackedScreenshots ? BuildPaths.DocumentationScreenshotsDirectory : Path.Combine(BuildPaths.ArtifactsDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = path,
            FullPage = true,
            // A blinking caret or a running transition would make every run's PNG differ.
            Animations = ScreenshotAnimations.Disabled,
            Caret = ScreenshotCaret.Hide,
        });
        Assert.True(new FileInfo(path).Length > 0, $"{path} is empty");
    }

    /// <summary>docs/screenshots/ is tracked: only a deliberate run rewrites it.</summary>
    private static bool UpdateTrackedScreenshots => Environment.GetEnvironmentVariable("PORTAL_UPDATE_SCREENSHOTS") == "1";
}
