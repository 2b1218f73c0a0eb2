using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.Audit;
using Portal.Tests.Access;
using Portal.Tests.Web;
using QRCoder;

namespace Portal.Tests.Account;

/// <summary>Two-factor sign-in with an authenticator app, through the real pages and cookies.</summary>
public class TwoFactorTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    [Fact]
    public async Task AUserTurnsOnTwoFactorAndThenNeedsTheCodeToSignIn()
    {
        const string email = "careful@example.com";
        await AccessTestUsers.CreateAsync(factory, email, PortalRoles.Admin);
        using var browser = factory.CreateBrowserlessClient();
        await HtmlForm.SignInAsync(browser, email, PortalWebFactory.Password);

        var key = await AuthenticatorKeyAsync(browser);
        var wrong = await HtmlForm.SubmitAsync(browser, "/account/two-factor", new Dictionary<string, string> { ["Input.Code"] = "000000" == Totp.Code(key) ? "111111" : "000000" });
        Assert.Contains("not right", await wrong.Content.ReadAsStringAsync());
        var turnedOn = await HtmlForm.SubmitAsync(browser, "/account/two-factor", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) });
        var recoveryCodes = new HtmlParser().ParseDocument(await turnedOn.Content.ReadAsStringAsync())
            .QuerySelectorAll("[data-testid=recovery-codes] code").Select(c => c.TextContent).ToList();
        Assert.Equal(8, recoveryCodes.Count);
        Assert.True((await AccessTestUsers.FindAsync(factory, email)).TwoFactorEnabled);
        Assert.Contains(await AccessTestUsers.AuditAsync(factory, AuditActions.TwoFactorEnabled), r => r.ActorName == email);

        using var later = factory.CreateBrowserlessClient();
        var password = await HtmlForm.SignInAsync(later, email, PortalWebFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        var codePage = PathOf(password);
        Assert.StartsWith("/account/login-two-factor", codePage);
        Assert.Equal(HttpStatusCode.Redirect, (await later.GetAsync("/")).StatusCode); // not signed in yet

        var badCode = await HtmlForm.SubmitAsync(later, codePage, new Dictionary<string, string> { ["Input.Code"] = "12345678" });
        Assert.Contains("not right", await badCode.Content.ReadAsStringAsync());
        var signedIn = await HtmlForm.SubmitAsync(later, codePage, new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await later.GetAsync("/")).StatusCode);

        // A recovery code works once.
        using var lostPhone = factory.CreateBrowserlessClient();
        var step = await HtmlForm.SignInAsync(lostPhone, email, PortalWebFactory.Password);
        var recovered = await HtmlForm.SubmitAsync(lostPhone, PathOf(step), new Dictionary<string, string> { ["Input.Code"] = recoveryCodes[0] });
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        using var reuse = factory.CreateBrowserlessClient();
        step = await HtmlForm.SignInAsync(reuse, email, PortalWebFactory.Password);
        var reused = await HtmlForm.SubmitAsync(reuse, PathOf(step), new Dictionary<string, string> { ["Input.Code"] = recoveryCodes[0] });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
    }

    [Fact]
    public async Task AUserWhoseAdminRequiresTwoFactorCanOnlySetItUpUntilTheyHaveIt()
    {
        const string email = "required@example.com";
        var user = await AccessTestUsers.CreateAsync(factory, email, PortalRoles.Viewer);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var stored = await users.FindByIdAsync(user.Id);
            stored!.TwoFactorRequired = true;
            await users.UpdateAsync(stored);
        }
        using var browser = factory.CreateBrowserlessClient();
        await HtmlForm.SignInAsync(browser, email, PortalWebFactory.Password);

        var home = await browser.GetAsync("/members");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/two-factor?required=true", PathOf(home));

        var key = await AuthenticatorKeyAsync(browser, "/account/two-factor?required=true");
        await HtmlForm.SubmitAsync(browser, "/account/two-factor", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/members")).StatusCode);
    }

    [Fact]
    public async Task TheSetUpPageShowsItsSetUpLinkAsAQrCodeBesideTheKey()
    {
        const string email = "scanner@example.com";
        await AccessTestUsers.CreateAsync(factory, email, PortalRoles.Viewer);
        using var browser = factory.CreateBrowserlessClient();
        await HtmlForm.SignInAsync(browser, email, PortalWebFactory.Password);

        var document = new HtmlParser().ParseDocument(await browser.GetStringAsync("/account/two-factor"));
        var key = document.QuerySelector("[data-testid=authenticator-key] code")!.TextContent;
        var uri = document.QuerySelector("[data-testid=authenticator-uri]")!.TextContent;
        Assert.Equal($"otpauth://totp/Portal:scanner%40example.com?secret={key.Replace(" ", "").ToUpperInvariant()}&issuer=Portal&digits=6", uri);

        var qr = document.QuerySelector("[data-testid=authenticator-qr]")!;
        Assert.Equal("img", qr.GetAttribute("role"));
        Assert.Equal("QR code with the set-up link for your authenticator app", qr.GetAttribute("aria-label"));
        var svg = qr.QuerySelector("svg")!;
        Assert.Null(document.QuerySelector("script:not([src])")); // the page works under script-src 'self'

        // Read the modules back from the SVG and compare them with the QR code of the link the page shows
        // (at whichever error-correction level matches): a scanner would read that link.
        var modules = DarkModules(svg);
        Assert.Contains(Enum.GetValues<QRCodeGenerator.ECCLevel>().Where(level => level != QRCodeGenerator.ECCLevel.Default), level =>
        {
            using var expected = QRCodeGenerator.GenerateQrCode(uri, level);
            var size = expected.ModuleMatrix.Count;
            return svg.GetAttribute("viewBox") == $"0 0 {size} {size}"
                && modules.SetEquals(from y in Enumerable.Range(0, size) from x in Enumerable.Range(0, size) where expected.ModuleMatrix[y][x] select (x, y));
        });
    }

    /// <summary>The dark modules of a QRCoder SVG: its path is one <c>M x y h w v1 h-w z</c> run per row segment.</summary>
    private static HashSet<(int X, int Y)> DarkModules(AngleSharp.Dom.IElement svg)
    {
        var path = svg.QuerySelector("path")!.GetAttribute("d")!;
        var runs = Regex.Matches(path, @"M(\d+) (\d+)h(\d+)v1h-\3z");
        Assert.Equal(path.Length, runs.Sum(run => run.Length)); // nothing in the path that is not a run
        return runs.SelectMany(run => Enumerable.Range(int.Parse(run.Groups[1].Value), int.Parse(run.Groups[3].Value))
            .Select(x => (x, int.Parse(run.Groups[2].Value)))).ToHashSet();
    }

    private static string PathOf(HttpResponseMessage redirect) =>
        redirect.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : redirect.Headers.Location!.OriginalString;

    private static async Task<string> AuthenticatorKeyAsync(HttpClient browser, string page = "/account/two-factor")
    {
        var response = await browser.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return document.QuerySelector("[data-testid=authenticator-key] code")!.TextContent;
    }
}
