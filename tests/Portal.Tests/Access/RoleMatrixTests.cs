using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.Audit;
using Portal.Tests.Web;

namespace Portal.Tests.Access;

/// <summary>
/// The role matrix of issue 8, written out here independently of <see cref="PortalPermissions"/>, and checked
/// on the server: every permission for every role through <see cref="PortalAccess"/> with real users in the
/// database, every page's [Authorize] roles, and the HTTP download endpoints.
/// </summary>
public class RoleMatrixTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>, IAsyncLifetime
{
    private const string MarketerEmail = "marketer@example.com";

    // Admin: everything. Marketer: read members, consents and devices; push console; no deletes, no settings.
    // Viewer: read-only.
    public static readonly TheoryData<string, PortalPermission, bool> Matrix = new()
    {
        { PortalRoles.Admin, PortalPermission.Read, true },
        { PortalRoles.Admin, PortalPermission.ExportMembers, true },
        { PortalRoles.Admin, PortalPermission.UsePushConsole, true },
        { PortalRoles.Admin, PortalPermission.EditMembers, true },
        { PortalRoles.Admin, PortalPermission.DeleteMembers, true },
        { PortalRoles.Admin, PortalPermission.ExportMemberData, true },
        { PortalRoles.Admin, PortalPermission.ManageDevices, true },
        { PortalRoles.Admin, PortalPermission.ManageApplets, true },
        { PortalRoles.Admin, PortalPermission.ManageSettings, true },
        { PortalRoles.Admin, PortalPermission.ManageUsers, true },
        { PortalRoles.Admin, PortalPermission.ReadAudit, true },

        { PortalRoles.Marketer, PortalPermission.Read, true },
        { PortalRoles.Marketer, PortalPermission.ExportMembers, true },
        { PortalRoles.Marketer, PortalPermission.UsePushConsole, true },
        { PortalRoles.Marketer, PortalPermission.EditMembers, false },
        { PortalRoles.Marketer, PortalPermission.DeleteMembers, false },
        { PortalRoles.Marketer, PortalPermission.ExportMemberData, false },
        { PortalRoles.Marketer, PortalPermission.ManageDevices, false },
        { PortalRoles.Marketer, PortalPermission.ManageApplets, false },
        { PortalRoles.Marketer, PortalPermission.ManageSettings, false },
        { PortalRoles.Marketer, PortalPermission.ManageUsers, false },
        { PortalRoles.Marketer, PortalPermission.ReadAudit, false },

        { PortalRoles.Viewer, PortalPermission.Read, true },
        { PortalRoles.Viewer, PortalPermission.ExportMembers, false },
        { PortalRoles.Viewer, PortalPermission.UsePushConsole, false },
        { PortalRoles.Viewer, PortalPermission.EditMembers, false },
        { PortalRoles.Viewer, PortalPermission.DeleteMembers, false },
        { PortalRoles.Viewer, PortalPermission.ExportMemberData, false },
        { PortalRoles.Viewer, PortalPermission.ManageDevices, false },
        { PortalRoles.Viewer, PortalPermission.ManageApplets, false },
        { PortalRoles.Viewer, PortalPermission.ManageSettings, false },
        { PortalRoles.Viewer, PortalPermission.ManageUsers, false },
        { PortalRoles.Viewer, PortalPermission.ReadAudit, false },
    };

    public async Task InitializeAsync()
    {
        if (await AccessTestUsersExist())
        {
            return;
        }
        await AccessTestUsers.CreateAsync(factory, MarketerEmail, PortalRoles.Marketer);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<bool> AccessTestUsersExist()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(MarketerEmail) is not null;
    }

    [Fact]
    public void EveryPermissionIsInTheMatrix() =>
        Assert.Equal(Enum.GetValues<PortalPermission>().Length * PortalRoles.All.Count, Matrix.Count());

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRoleGetsExactlyItsPermissionsOnTheServer(string role, PortalPermission permission, bool allowed)
    {
        var email = role switch
        {
            PortalRoles.Admin => PortalWebFactory.AdminEmail,
            PortalRoles.Marketer => MarketerEmail,
            _ => PortalWebFactory.ViewerEmail,
        };
        var principal = await AccessTestUsers.PrincipalAsync(factory, email);
        var clubId = await AccessTestUsers.ClubIdAsync(factory);

        await using var scope = factory.Services.CreateAsyncScope();
        var actor = await scope.ServiceProvider.GetRequiredService<PortalAccess>().RequireAsync(principal, permission, clubId);

        Assert.Equal(allowed, actor is not null);
        if (!allowed)
        {
            var denials = await AccessTestUsers.AuditAsync(factory, AuditActions.AccessDenied);
            Assert.Contains(denials, d => d.ActorName == email && d.Details == $"permission={permission}");
        }
    }

    // Which permission each page needs to open; actions on the page check their own permission again.
    public static readonly TheoryData<string, PortalPermission> Pages = new()
    {
        { "/", PortalPermission.Read },
        { "/members", PortalPermission.Read },
        { "/members/{Id:long}", PortalPermission.Read },
        { "/members/new", PortalPermission.EditMembers },
        { "/members/{Id:long}/edit", PortalPermission.EditMembers },
        { "/consents", PortalPermission.Read },
        { "/devices", PortalPermission.Read },
        { "/applets", PortalPermission.Read },
        { "/applets/memberships", PortalPermission.Read },
        { "/push/sandbox", PortalPermission.UsePushConsole },
        { "/push", PortalPermission.UsePushConsole },
        { "/outbox", PortalPermission.ReadAudit },
        { "/audit", PortalPermission.ReadAudit },
        { "/settings", PortalPermission.ManageSettings },
        { "/users", PortalPermission.ManageUsers },
    };

    [Fact]
    public void EveryPageIsInTheTable()
    {
        var routes = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .Where(r => !r.StartsWith("/account/", StringComparison.Ordinal) && r is not "/error" and not "/not-found")
            .Order(StringComparer.Ordinal);
        Assert.Equal(Pages.Select(row => (string)row[0]).Order(StringComparer.Ordinal), routes);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void EachPageIsClosedToRolesWithoutItsPermission(string route, PortalPermission permission)
    {
        var page = typeof(Program).Assembly.GetTypes()
            .Single(t => t.GetCustomAttributes<RouteAttribute>().Any(r => r.Template == route));
        var authorize = page.GetCustomAttributes<AuthorizeAttribute>(inherit: true).ToList();
        var pageRoles = authorize.SingleOrDefault(a => a.Roles is not null)?.Roles?.Split(',').Order().ToList()
            ?? [.. PortalRoles.All.Order()]; // [Authorize] alone: every signed-in role
        var expected = PortalRoles.All.Where(r => Matrix.Any(row => (string)row[0] == r && (PortalPermission)row[1] == permission && (bool)row[2])).Order().ToList();
        Assert.Equal(expected, pageRoles);
    }

    [Theory]
    [InlineData(PortalWebFactory.AdminEmail, HttpStatusCode.OK)]
    [InlineData(MarketerEmail, HttpStatusCode.OK)]
    [InlineData(PortalWebFactory.ViewerEmail, HttpStatusCode.Redirect)]
    public async Task MemberListDownloadFollowsTheMatrix(string email, HttpStatusCode expected)
    {
        using var client = factory.CreateBrowserlessClient();
        await SignInAsync(client, email);
        var response = await client.GetAsync("/members/export.csv");
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery);
        }
    }

    [Theory]
    [InlineData(PortalWebFactory.AdminEmail, HttpStatusCode.NotFound)]
    [InlineData(MarketerEmail, HttpStatusCode.Redirect)]
    [InlineData(PortalWebFactory.ViewerEmail, HttpStatusCode.Redirect)]
    public async Task OneMembersDataDownloadIsForAdminsOnly(string email, HttpStatusCode expected)
    {
        using var client = factory.CreateBrowserlessClient();
        await SignInAsync(client, email);
        // No member 999999 exists: an Admin gets 404, the others are refused before the lookup.
        var response = await client.GetAsync("/members/999999/export.json");
        Assert.Equal(expected, response.StatusCode);
    }

    private static async Task SignInAsync(HttpClient client, string email)
    {
        var response = await HtmlForm.SignInAsync(client, email, PortalWebFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
