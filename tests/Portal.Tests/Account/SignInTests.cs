using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Features.Account;
using Portal.Tests.Web;

namespace Portal.Tests.Account;

public class SignInTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    [Fact]
    public async Task RightPasswordSignsInAndOpensTheDashboard()
    {
        var client = factory.CreateBrowserlessClient();

        var response = await HtmlForm.SignInAsync(client, PortalWebFactory.AdminEmail, PortalWebFactory.Password, "/account/login?returnUrl=%2F");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.AbsolutePath);
        Assert.Equal("localhost", response.Headers.Location.Host);
        // The dashboard renders in the Blazor circuit (no prerendering); over plain HTTP the signed-in user gets its shell.
        var dashboard = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        var html = await dashboard.Content.ReadAsStringAsync();
        Assert.Contains("_framework/blazor.web.js", html);
        Assert.DoesNotContain("Input.Password", html);
    }

    [Fact]
    public async Task WrongPasswordShowsAnErrorAndGivesNoSession()
    {
        var client = factory.CreateBrowserlessClient();

        var response = await HtmlForm.SignInAsync(client, PortalWebFactory.ViewerEmail, "WrongPassword1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The email or password is not correct.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task UnknownEmailGetsTheSameMessageAsAWrongPassword()
    {
        var response = await HtmlForm.SignInAsync(factory.CreateBrowserlessClient(), "nobody@example.com", "WrongPassword1");

        Assert.Contains("The email or password is not correct.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FiveFailuresLockTheAccountEvenForTheRightPassword()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Portal.Features.Users.UserAccountService>()
                .CreateAsync("locked@example.com", PortalWebFactory.Password, "Viewer", [], Actor.System);
        }
        var client = factory.CreateBrowserlessClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await HtmlForm.SignInAsync(client, "locked@example.com", "WrongPassword1");
        }

        var response = await HtmlForm.SignInAsync(client, "locked@example.com", PortalWebFactory.Password);

        Assert.Contains("locked", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task MissingFieldsShowMessagesNextToTheFields()
    {
        var response = await HtmlForm.SubmitAsync(factory.CreateBrowserlessClient(), "/account/login",
            new Dictionary<string, string> { ["Input.Email"] = "", ["Input.Password"] = "" });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Enter your email.", html);
        Assert.Contains("Enter your password.", html);
    }

    [Theory]
    [InlineData("/settings")]
    [InlineData("/audit")]
    [InlineData("/push")]
    public async Task ViewerIsDeniedPagesAboveTheirRole(string path)
    {
        var client = factory.CreateBrowserlessClient();
        await HtmlForm.SignInAsync(client, PortalWebFactory.ViewerEmail, PortalWebFactory.Password);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task ChangePasswordKeepsTheSessionAndTheNewPasswordWorks()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Portal.Features.Users.UserAccountService>()
                .CreateAsync("changer@example.com", PortalWebFactory.Password, "Viewer", [], Actor.System);
        }
        var client = factory.CreateBrowserlessClient();
        await HtmlForm.SignInAsync(client, "changer@example.com", PortalWebFactory.Password);

        var wrong = await HtmlForm.SubmitAsync(client, "/account/change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "NotMyPassword1", ["Input.NewPassword"] = "BrandNewPass1", ["Input.ConfirmPassword"] = "BrandNewPass1",
        });
        Assert.Contains("The current password is not correct.", await wrong.Content.ReadAsStringAsync());

        var right = await HtmlForm.SubmitAsync(client, "/account/change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = PortalWebFactory.Password, ["Input.NewPassword"] = "BrandNewPass1", ["Input.ConfirmPassword"] = "BrandNewPass1",
        });
        Assert.Contains("Your password has been changed.", await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var fresh = factory.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.Redirect, (await HtmlForm.SignInAsync(fresh, "changer@example.com", "BrandNewPass1")).StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/members")]
    [InlineData("/devices")]
    public async Task ViewerCanReadTheReadOnlySections(string path)
    {
        var client = factory.CreateBrowserlessClient();
        await HtmlForm.SignInAsync(client, PortalWebFactory.ViewerEmail, PortalWebFactory.Password);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("/members", "/members")]
    [InlineData("https://evil.example.com/", "/")]
    [InlineData("//evil.example.com/", "/")]
    [InlineData("/\\evil.example.com/", "/")]
    [InlineData(null, "/")]
    public void ReturnUrlsStayOnThisSite(string? requested, string expected) =>
        Assert.Equal(expected, Login.SafeReturnUrl(requested));
}
