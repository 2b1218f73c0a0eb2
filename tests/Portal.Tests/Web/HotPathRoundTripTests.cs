using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.ApiKeys;
using Portal.Features.Applets;
using Portal.Features.Audit;
using Portal.Features.Members;
using Portal.Features.Schema;
using Portal.Tests.Devices;
using Portal.Tests.Placewise;

namespace Portal.Tests.Web;

/// <summary>
/// The SQL round trips of the app API's hot calls, whole requests on the real app (authentication included): an app
/// re-registering its token at start-up, show member, the Centrapay list, and the API key, which is read once and then served from
/// memory until it is revoked.
/// </summary>
public class HotPathRoundTripTests(SqlCountingWebFactory factory) : IClassFixture<SqlCountingWebFactory>
{
    // The background flush of the keys' last-used times (every 30 s) belongs to no request.
    private static List<string> RequestCommands(SqlCommandCounter sql)
    {
        lock (sql.Commands)
        {
            return sql.Commands.Where(c => !c.StartsWith("UPDATE \"ApiKeys\"", StringComparison.Ordinal)).ToList();
        }
    }

    private static string Described(List<string> commands) => $"{commands.Count} round trips:\n{string.Join("\n---\n", commands)}";

    private int ClubId => (int)factory.Database.Scalar("SELECT Id FROM LoyaltyClubs WHERE Slug = 'test-mall'");

    private async Task<string> KeyAsync(string? permits = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("test-mall", "Mall app", permits, null, Actor.System)).Value!.Key;
    }

    private Task<HttpResponseMessage> CentrapayListAsync(string key, string account)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/accounts/{account}/applet-memberships");
        request.Headers.Add("x-api-key", key);
        return factory.CreateBrowserlessClient().SendAsync(request);
    }

    private async Task<string> AccountWithAMembershipAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var member = (await scope.ServiceProvider.GetRequiredService<MemberService>()
            .CreateAsync(ClubId, new MemberDraft { Properties = new JsonObject { ["email"] = email } }, Actor.System)).Value!;
        var applet = (await scope.ServiceProvider.GetRequiredService<AppletService>().CreateAsync(ClubId, new AppletInput(
            $"Applet of {email}", "https://media-upload.centrapay.com/image.png", "8aoMfscvtuewsuJzmzBzAs", "Jaim1Cu1Q55uooxSens6yk", false, []), Actor.System)).Value!;
        await scope.ServiceProvider.GetRequiredService<AppletMembershipService>().JoinAsync(ClubId, applet.Id, member.AccountId, "crn::test", Actor.System);
        return member.AccountId;
    }

    [Fact]
    public async Task ReRegisteringTheSameAppTokenTakesTwoSqlRoundTripsForTheWholeRequest()
    {
        var key = await KeyAsync();
        var api = new PlacewiseApi(factory.CreateBrowserlessClient(), key);
        var created = await api.CreateMemberAsync(JsonNode.Parse("""{"properties":{"email":"hot.path@example.no"},"password":"hot-path-password-1"}""")!.AsObject());
        var id = (await PlacewiseApi.JsonAsync(created))["id"]!.GetValue<long>();
        var tokens = await PlacewiseApi.JsonAsync(await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members/oauth/token",
            $$"""{"grant_type":"password","identifier_type":"id","identifier":"{{id}}","password":"hot-path-password-1"}"""));
        void AsMember(HttpRequestMessage request) => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens["access_token"]!.GetValue<string>());
        const string body = """{"token":"hot-fcm-token","platform":"ios","app_installation_id":"hot-phone","firebase_project_slug":"mall-app"}""";
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members/me/app_tokens", body, AsMember)).StatusCode);

        var sql = factory.Sql;
        sql.Reset();
        var again = await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members/me/app_tokens", body, AsMember);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("{}", await again.Content.ReadAsStringAsync());
        // The member token, then the one UPDATE of the token's last-seen time; the club and the client token come from memory.
        var commands = RequestCommands(sql);
        Assert.True(commands.Count <= 2, Described(commands));
    }

    [Fact]
    public async Task ShowMemberTakesOneSqlRoundTripWithTheKeyClubAndSchemaInMemory()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var schemas = scope.ServiceProvider.GetRequiredService<ClubSchemaService>();
            await schemas.SaveConsentAsync(ClubId, "show_news", "News", "News by e-mail", true, Actor.System);
            await schemas.SaveConsentAsync(ClubId, "show_sms", "SMS offers", "Offers by SMS", true, Actor.System);
        }
        var key = await KeyAsync();
        var api = new PlacewiseApi(factory.CreateBrowserlessClient(), key);
        var created = await api.CreateMemberAsync(JsonNode.Parse("""
            {"properties":{"email":"show.path@example.no"},"password":"show-path-password-1","consents":{"show_news":true,"show_sms":false}}
            """)!.AsObject());
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await PlacewiseApi.JsonAsync(created))["id"]!.GetValue<long>();
        var first = await api.SendAsync(HttpMethod.Get, $"/v3/test-mall/members/{id}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var sql = factory.Sql;
        sql.Reset();
        var again = await api.SendAsync(HttpMethod.Get, $"/v3/test-mall/members/{id}");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        var consents = (await PlacewiseApi.JsonAsync(again))["consents"]!.AsObject();
        Assert.Equal([("show_news", true), ("show_sms", false)], consents.Select(c => (c.Key, c.Value!["status"]!.GetValue<bool>())).ToArray());
        // The member with its consents and whether it has a push token in one statement; the key, the club and the club's
        // schema come from memory.
        var commands = RequestCommands(sql);
        Assert.True(commands.Count == 1, Described(commands));
    }

    [Fact]
    public async Task ACentrapayListPageTakesOneSqlRoundTripWithACachedKey()
    {
        var key = await KeyAsync(ApiPermits.AppletMemberships);
        var account = await AccountWithAMembershipAsync("list.path@example.no");
        Assert.Equal(HttpStatusCode.OK, (await CentrapayListAsync(key, account)).StatusCode);

        var sql = factory.Sql;
        sql.Reset();
        var page = await CentrapayListAsync(key, account);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Single(JsonNode.Parse(await page.Content.ReadAsStringAsync())!["items"]!.AsArray());
        var commands = RequestCommands(sql);
        Assert.True(commands.Count == 1, Described(commands));
    }

    [Fact]
    public async Task AnApiKeyIsReadOnceThenTakesNoSqlRoundTrip()
    {
        var key = await KeyAsync(ApiPermits.AppletMemberships);
        var account = await AccountWithAMembershipAsync("key.path@example.no");

        var sql = factory.Sql;
        sql.Reset();
        Assert.Equal(HttpStatusCode.OK, (await CentrapayListAsync(key, account)).StatusCode);
        var first = RequestCommands(sql);
        sql.Reset();
        Assert.Equal(HttpStatusCode.OK, (await CentrapayListAsync(key, account)).StatusCode);

        Assert.Contains(first, command => command.Contains("FROM \"ApiKeys\"", StringComparison.Ordinal));
        Assert.DoesNotContain(RequestCommands(sql), command => command.Contains("\"ApiKeys\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARevokedKeyIsRefusedOnTheFirstRequestAfterTheRevokeReturns()
    {
        var key = await KeyAsync(ApiPermits.AppletMemberships + "," + ApiPermits.SchemaShow);
        var account = await AccountWithAMembershipAsync("revoked.path@example.no");
        var placewise = new PlacewiseApi(factory.CreateBrowserlessClient(), key);
        Assert.Equal(HttpStatusCode.OK, (await CentrapayListAsync(key, account)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await placewise.SendAsync(HttpMethod.Get, "/v3/test-mall/schema")).StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
            var id = (await keys.ListAsync("test-mall")).Single(k => key.StartsWith($"pk_{k.Prefix}_", StringComparison.Ordinal)).Id;
            await keys.RevokeAsync("test-mall", id, Actor.System);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await CentrapayListAsync(key, account)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await placewise.SendAsync(HttpMethod.Get, "/v3/test-mall/schema")).StatusCode);
    }
}

/// <summary>The app with a counter of the SQL commands its contexts send (requests run one at a time in these tests).</summary>
public sealed class SqlCountingWebFactory : PortalWebFactory
{
    public SqlCommandCounter Sql { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(Sql));
    }
}
