using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.Audit;
using Portal.Tests.Access;
using Portal.Tests.Web;

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
