using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Cli;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.ApiKeys;
using Portal.Features.Applets;
using Portal.Features.Audit;
using Portal.Features.Members;
using Portal.Features.Users;
using Portal.Tests.Access;
using Portal.Tests.Cli;
using Portal.Tests.Placewise;
using Portal.Tests.Web;

namespace Portal.Tests.Audit;

/// <summary>
/// The same action from a page, the API or the CLI leaves the same audit record, once, naming its channel; the
/// record commits with the change or not at all. "Page" calls the use case as a page does: the signed-in user
/// made the actor by <see cref="PortalAccess"/>, roles and grants read from the database.
/// </summary>
public class OneAuditRecordPerActionTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    [Fact]
    public async Task CreatingAMemberOnAPageOrThroughTheApiWritesOneMemberCreatedRecordEach()
    {
        var clubId = await AccessTestUsers.ClubIdAsync(factory);

        var onPage = await AsAdminAsync(async (actor, services) =>
            (await services.GetRequiredService<MemberService>().CreateAsync(clubId, Draft("page-member@example.no"), actor)).Value!.Id);
        var api = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory));
        var response = await api.CreateMemberAsync(new JsonObject
        {
            ["properties"] = new JsonObject { ["email"] = "api-member@example.no", ["first_name"] = "Api" },
            ["password"] = "Secret-password-1",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var throughApi = (long)(await PlacewiseApi.JsonAsync(response))["id"]!;

        var pageRecord = await SingleRecordAsync(AuditActions.MemberCreated, $"member:{onPage}");
        var apiRecord = await SingleRecordAsync(AuditActions.MemberCreated, $"member:{throughApi}");
        Assert.Equal((clubId, Actor.AdminType, Actor.PageChannel, PortalWebFactory.AdminEmail), (pageRecord.ClubId, pageRecord.ActorType, pageRecord.Channel, pageRecord.ActorName));
        Assert.Equal((clubId, Actor.ApiKeyType, Actor.ApiChannel, "Mall app"), (apiRecord.ClubId, apiRecord.ActorType, apiRecord.Channel, apiRecord.ActorName));
        Assert.Equal(pageRecord.Details, apiRecord.Details);
    }

    [Fact]
    public async Task CreatingAnAppletOnAPageOrWithTheCliWritesOneAppletSavedRecordEach()
    {
        var clubId = await AccessTestUsers.ClubIdAsync(factory);

        var onPage = await AsAdminAsync(async (actor, services) =>
            (await services.GetRequiredService<AppletService>().CreateAsync(clubId, new AppletInput("Page cafe", null, null, null, false, []), actor)).Value!.Id);
        var run = await CliRun.RunAsync(factory.Database, "applets", "create", "--club", "test-mall", "--name", "Cli cafe");
        Assert.Equal(CliApp.Ok, run.ExitCode);

        var pageRecord = await SingleRecordAsync(AuditActions.AppletSaved, $"applet:{onPage}");
        var cliRecord = await SingleRecordAsync(AuditActions.AppletSaved, $"applet:{run.LastLine}");
        Assert.Equal((clubId, Actor.AdminType, Actor.PageChannel, "created"), (pageRecord.ClubId, pageRecord.ActorType, pageRecord.Channel, pageRecord.Details));
        Assert.Equal((clubId, Actor.CliType, Actor.CliChannel, "created"), (cliRecord.ClubId, cliRecord.ActorType, cliRecord.Channel, cliRecord.Details));
    }

    [Fact]
    public async Task CreatingAnApiKeyOnAPageOrWithTheCliWritesOneApiKeyCreatedRecordEach()
    {
        var onPage = await AsAdminAsync(async (actor, services) =>
            (await services.GetRequiredService<ApiKeyService>().CreateAsync("test-mall", "Page key", null, null, actor)).Value!.Info.Id);
        var run = await CliRun.RunAsync(factory.Database, "apikeys", "create", "--club", "test-mall", "--name", "Cli key");
        Assert.Equal(CliApp.Ok, run.ExitCode);
        var fromCli = (await ListKeysAsync()).Single(k => k.Name == "Cli key").Id;

        var pageRecord = await SingleRecordAsync(AuditActions.ApiKeyCreated, $"api_key:{onPage}");
        var cliRecord = await SingleRecordAsync(AuditActions.ApiKeyCreated, $"api_key:{fromCli}");
        Assert.Equal((Actor.AdminType, Actor.PageChannel), (pageRecord.ActorType, pageRecord.Channel));
        Assert.Equal((Actor.CliType, Actor.CliChannel), (cliRecord.ActorType, cliRecord.Channel));
        Assert.Equal(pageRecord.Details!.Replace("Page key", "Cli key"), cliRecord.Details);
    }

    [Fact]
    public async Task CreatingAUserOnAPageOrWithTheCliWritesOneUserCreatedRecordEach()
    {
        var clubId = await AccessTestUsers.ClubIdAsync(factory);

        await AsAdminAsync(async (actor, services) =>
            (await services.GetRequiredService<UserAdministration>().InviteAsync(actor, "page-user@example.com", new UserAccess(PortalRoles.Viewer, [clubId], false))).Value);
        var run = await CliRun.RunAsync(factory.Database, "users", "create", "--email", "cli-user@example.com", "--password", PortalWebFactory.Password,
            "--role", "Viewer", "--club", "test-mall");
        Assert.Equal(CliApp.Ok, run.ExitCode);

        var pageRecord = await SingleRecordAsync(AuditActions.UserCreated, $"user:{(await AccessTestUsers.FindAsync(factory, "page-user@example.com")).Id}");
        var cliRecord = await SingleRecordAsync(AuditActions.UserCreated, $"user:{(await AccessTestUsers.FindAsync(factory, "cli-user@example.com")).Id}");
        Assert.Equal((Actor.AdminType, Actor.PageChannel), (pageRecord.ActorType, pageRecord.Channel));
        Assert.Equal((Actor.CliType, Actor.CliChannel), (cliRecord.ActorType, cliRecord.Channel));
        Assert.Equal(pageRecord.Details!.Replace("page-user", "cli-user"), cliRecord.Details);
    }

    [Fact]
    public async Task AMemberWithAnEmailAlreadyTakenIsCreatedNowhereAndAuditedNowhere()
    {
        var clubId = await AccessTestUsers.ClubIdAsync(factory);
        await AsAdminAsync(async (actor, services) =>
            (await services.GetRequiredService<MemberService>().CreateAsync(clubId, Draft("taken@example.no"), actor)).Value!.Id);
        var before = (await AccessTestUsers.AuditAsync(factory, AuditActions.MemberCreated)).Count;

        await Assert.ThrowsAsync<MemberValidationException>(() => AsAdminAsync(async (actor, services) =>
            (await services.GetRequiredService<MemberService>().CreateAsync(clubId, Draft("taken@example.no"), actor)).Value!.Id));
        var api = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory));
        var response = await api.CreateMemberAsync(new JsonObject
        {
            ["properties"] = new JsonObject { ["email"] = "taken@example.no" },
            ["password"] = "Secret-password-1",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(before, (await AccessTestUsers.AuditAsync(factory, AuditActions.MemberCreated)).Count);
    }

    [Fact]
    public async Task AnAppletTheDatabaseRefusesLeavesNoAuditRecord()
    {
        var clubId = await AccessTestUsers.ClubIdAsync(factory);
        factory.Database.Execute("""
            CREATE TRIGGER refuse_doomed_applet BEFORE INSERT ON Applets WHEN NEW.Name = 'Doomed applet'
            BEGIN SELECT RAISE(ABORT, 'forced failure for the test'); END
            """, """
            CREATE FUNCTION refuse_doomed_applet() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'forced failure for the test'; END $$;
            CREATE TRIGGER refuse_doomed_applet BEFORE INSERT ON "Applets" FOR EACH ROW WHEN (NEW."Name" = 'Doomed applet') EXECUTE FUNCTION refuse_doomed_applet();
            """);
        var before = (await AccessTestUsers.AuditAsync(factory, AuditActions.AppletSaved)).Count;

        await Assert.ThrowsAsync<DbUpdateException>(() => AsAdminAsync(async (actor, services) =>
            (await services.GetRequiredService<AppletService>().CreateAsync(clubId, new AppletInput("Doomed applet", null, null, null, false, []), actor)).Value!.Id));

        Assert.Equal(before, (await AccessTestUsers.AuditAsync(factory, AuditActions.AppletSaved)).Count);
    }

    [Fact]
    public async Task AnAuditRecordTheDatabaseRefusesTakesTheChangeWithIt()
    {
        factory.Database.Execute("""
            CREATE TRIGGER refuse_doomed_key_record BEFORE INSERT ON AuditRecords WHEN NEW.Details LIKE 'name=Doomed key;%'
            BEGIN SELECT RAISE(ABORT, 'forced failure for the test'); END
            """, """
            CREATE FUNCTION refuse_doomed_key_record() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'forced failure for the test'; END $$;
            CREATE TRIGGER refuse_doomed_key_record BEFORE INSERT ON "AuditRecords" FOR EACH ROW WHEN (NEW."Details" LIKE 'name=Doomed key;%') EXECUTE FUNCTION refuse_doomed_key_record();
            """);

        await Assert.ThrowsAsync<DbUpdateException>(() => AsAdminAsync(async (actor, services) =>
            (await services.GetRequiredService<ApiKeyService>().CreateAsync("test-mall", "Doomed key", null, null, actor)).Value!.Info.Id));

        Assert.DoesNotContain(await ListKeysAsync(), k => k.Name == "Doomed key");
    }

    [Fact]
    public async Task ARefusedChangeIsAuditedOnceAsAccessDeniedAndChangesNothing()
    {
        var clubId = await AccessTestUsers.ClubIdAsync(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var viewer = await scope.ServiceProvider.GetRequiredService<PortalAccess>().ActorAsync(await AccessTestUsers.PrincipalAsync(factory, PortalWebFactory.ViewerEmail));

        var outcome = await scope.ServiceProvider.GetRequiredService<AppletService>().CreateAsync(clubId, new AppletInput("Viewer cafe", null, null, null, false, []), viewer);

        Assert.Equal(PortalPermission.ManageApplets, outcome.RefusedPermission);
        var denied = Assert.Single(await AccessTestUsers.AuditAsync(factory, AuditActions.AccessDenied), r => r.ActorName == PortalWebFactory.ViewerEmail);
        Assert.Equal(($"permission={PortalPermission.ManageApplets}", Actor.PageChannel), (denied.Details, denied.Channel));
        Assert.Equal(0L, factory.Database.Scalar("SELECT COUNT(*) FROM Applets WHERE Name = 'Viewer cafe'"));
    }

    private static MemberDraft Draft(string email) => new() { Properties = new JsonObject { ["email"] = email, ["first_name"] = "Page" } };

    // As a page does it: the signed-in admin made the actor, a fresh scope per action.
    private async Task<T> AsAdminAsync<T>(Func<Actor, IServiceProvider, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var actor = await scope.ServiceProvider.GetRequiredService<PortalAccess>().ActorAsync(await AccessTestUsers.PrincipalAsync(factory, PortalWebFactory.AdminEmail));
        return await action(actor, scope.ServiceProvider);
    }

    private async Task<AuditRecord> SingleRecordAsync(string action, string target) =>
        Assert.Single(await AccessTestUsers.AuditAsync(factory, action), r => r.Target == target);

    private async Task<IReadOnlyList<ApiKeyService.ApiKeyInfo>> ListKeysAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApiKeyService>().ListAsync("test-mall");
    }
}
