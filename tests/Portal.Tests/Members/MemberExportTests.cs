using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Features.Account;
using Portal.Features.Members;
using Portal.Tests.Access;
using Portal.Tests.Web;

namespace Portal.Tests.Members;

public class MemberExportTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        if (factory.Database.Scalar("SELECT COUNT(*) FROM Members") > 0)
        {
            return;
        }
        var clubId = (int)factory.Database.Scalar("SELECT Id FROM LoyaltyClubs WHERE Slug = 'test-mall'");
        await using var scope = factory.Services.CreateAsyncScope();
        var members = scope.ServiceProvider.GetRequiredService<MemberService>();
        await members.CreateAsync(clubId, new MemberDraft
        {
            Properties = new JsonObject { ["first_name"] = "=cmd|' /C calc'!A0", ["last_name"] = "Doe, Jr.", ["email"] = "jane@example.no" },
        }, Actor.Import);
        await members.CreateAsync(clubId, new MemberDraft
        {
            Properties = new JsonObject { ["first_name"] = "Ola", ["email"] = "ola@example.no" },
            SmsEnabled = false,
        }, Actor.Import);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AdminDownloadsTheFilteredListAsCsv()
    {
        var client = factory.CreateBrowserlessClient();
        await HtmlForm.SignInAsync(client, PortalWebFactory.AdminEmail, PortalWebFactory.Password);

        var all = await client.GetAsync("/members/export.csv");
        var filtered = await client.GetStringAsync("/members/export.csv?sms=disabled");

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal("text/csv", all.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", all.Content.Headers.ContentDisposition?.ToString());
        var lines = (await all.Content.ReadAsStringAsync()).TrimEnd().Split('\n');
        Assert.StartsWith("id,first_name,last_name,email,msisdn", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains("'=cmd|' /C calc'!A0") && l.Contains("\"Doe, Jr.\""));
        Assert.Equal(2, filtered.TrimEnd().Split('\n').Length);
        Assert.Contains("ola@example.no", filtered);
    }

    [Fact]
    public async Task ViewersCannotExportAndAnonymousVisitorsAreSentToSignIn()
    {
        var viewer = factory.CreateBrowserlessClient();
        await HtmlForm.SignInAsync(viewer, PortalWebFactory.ViewerEmail, PortalWebFactory.Password);

        var denied = await viewer.GetAsync("/members/export.csv");
        var anonymous = await factory.CreateBrowserlessClient().GetAsync("/members/export.csv");

        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/access-denied", denied.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task EachDownloadIsAuditedOnceAsMembersExportedFromThePage()
    {
        var client = factory.CreateBrowserlessClient();
        await HtmlForm.SignInAsync(client, PortalWebFactory.AdminEmail, PortalWebFactory.Password);
        var before = (await AccessTestUsers.AuditAsync(factory, AuditActions.MembersExported)).Select(r => r.Id).ToHashSet();

        var response = await client.GetAsync("/members/export.csv?sms=disabled");
        await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(await AccessTestUsers.AuditAsync(factory, AuditActions.MembersExported), r => !before.Contains(r.Id));
        Assert.Equal((Actor.AdminType, Actor.PageChannel, PortalWebFactory.AdminEmail, await AccessTestUsers.ClubIdAsync(factory), "csv"),
            (record.ActorType, record.Channel, record.ActorName, record.ClubId, record.Details));
    }

    [Fact]
    public async Task AViewersDownloadIsRefusedByTheUseCaseAndAuditedOnceAsAccessDenied()
    {
        var viewer = factory.CreateBrowserlessClient();
        await HtmlForm.SignInAsync(viewer, PortalWebFactory.ViewerEmail, PortalWebFactory.Password);
        var exportsBefore = (await AccessTestUsers.AuditAsync(factory, AuditActions.MembersExported)).Count;
        var deniedBefore = (await AccessTestUsers.AuditAsync(factory, AuditActions.AccessDenied)).Select(r => r.Id).ToHashSet();

        var response = await viewer.GetAsync("/members/export.csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath);
        var denied = Assert.Single(await AccessTestUsers.AuditAsync(factory, AuditActions.AccessDenied), r => !deniedBefore.Contains(r.Id));
        Assert.Equal((PortalWebFactory.ViewerEmail, Actor.PageChannel, $"permission={PortalPermission.ExportMembers}"), (denied.ActorName, denied.Channel, denied.Details));
        Assert.Equal(exportsBefore, (await AccessTestUsers.AuditAsync(factory, AuditActions.MembersExported)).Count);
    }
}
