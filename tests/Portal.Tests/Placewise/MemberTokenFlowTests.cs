using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Features.Schema;
using Portal.Tests.Web;
using Portal.Features.Members;

namespace Portal.Tests.Placewise;

/// <summary>The member-token side of the Placewise API: registration code, OAuth, /members/me.</summary>
public class MemberTokenFlowTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>, IAsyncLifetime
{
    private PlacewiseApi api = default!;

    public async Task InitializeAsync()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var clubId = (int)factory.Database.Scalar("SELECT Id FROM LoyaltyClubs WHERE Slug = 'test-mall'");
            await scope.ServiceProvider.GetRequiredService<ClubSchemaService>().SaveConsentAsync(clubId, "newsletter", "Newsletter", "News by e-mail", true, Actor.System);
        }
        api = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RegistrationCodeToMemberToTokenToShowMe()
    {
        var sent = await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members/registration_password/sms", """{"msisdn":"+47 412 34 567"}""");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("{}", await sent.Content.ReadAsStringAsync());
        var code = TestOutbox.LatestCode(factory.Database, "4741234567", "registration_password");

        var created = await api.CreateMemberAsync(JsonNode.Parse($$"""
            {"properties":{"msisdn":"4741234567","first_name":"Kari"},"registration_password":"{{code}}","password":"kari-secret-1"}
            """)!.AsObject());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var memberId = (await PlacewiseApi.JsonAsync(created))["id"]!.GetValue<long>();

        var token = await TokenAsync("msisdn", "+4741234567", "kari-secret-1");
        Assert.Equal("bearer", token["token_type"]!.GetValue<string>());
        Assert.Equal(86400, token["expires_in"]!.GetValue<int>());
        Assert.Equal(memberId, token["resource_owner_id"]!.GetValue<long>());
        Assert.True(token["created_at"]!.GetValue<long>() > 1_700_000_000);

        var me = await AsMember(token).SendAsync(HttpMethod.Get, "/v3/test-mall/members/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(memberId, (await PlacewiseApi.JsonAsync(me))["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task OneTimePasswordSignsIn()
    {
        var id = await CreateMemberAsync("otp@example.no", "4741000001", "otp-password-1");
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members/otp/email", """{"email":"OTP@example.no"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members/otp/email", """{"email":"nobody@example.no"}""")).StatusCode);

        var token = await TokenAsync("email", "otp@example.no", TestOutbox.LatestCode(factory.Database, "otp@example.no", "otp"));

        Assert.Equal(id, token["resource_owner_id"]!.GetValue<long>());
    }

    [Fact]
    public async Task WrongPasswordIs461AndBadRefreshTokenIs462()
    {
        await CreateMemberAsync("wrong@example.no", "4741000002", "right-password-1");

        var wrong = await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members/oauth/token",
            """{"grant_type":"password","identifier_type":"email","identifier":"wrong@example.no","password":"wrong-password"}""");
        var refresh = await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members/oauth/token", """{"grant_type":"refresh_token","refresh_token":"nope"}""");

        Assert.Equal(461, (int)wrong.StatusCode);
        Assert.Equal(462, (int)refresh.StatusCode);
    }

    [Fact]
    public async Task InvalidTokenIs460AndRefreshAndRevokeWork()
    {
        Assert.Equal(460, (int)(await AsMember("not-a-token").SendAsync(HttpMethod.Get, "/v3/test-mall/members/me")).StatusCode);

        await CreateMemberAsync("refresh@example.no", "4741000003", "refresh-password-1");
        var first = await TokenAsync("email", "refresh@example.no", "refresh-password-1");
        var refreshed = await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members/oauth/token",
            $$"""{"grant_type":"refresh_token","refresh_token":"{{first["refresh_token"]}}"}""");
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = await PlacewiseApi.JsonAsync(refreshed);
        Assert.Equal(460, (int)(await AsMember(first).SendAsync(HttpMethod.Get, "/v3/test-mall/members/me")).StatusCode);

        var info = await AsMember(second).SendAsync(HttpMethod.Get, "/v3/test-mall/members/oauth/token/info");
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        var infoJson = await PlacewiseApi.JsonAsync(info);
        Assert.Equal(second["resource_owner_id"]!.GetValue<long>(), infoJson["resource_owner_id"]!.GetValue<long>());
        Assert.InRange(infoJson["expires_in_seconds"]!.GetValue<long>(), 86000, 86400);

        var revoke = await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members/oauth/revoke", $$"""{"token":"{{second["access_token"]}}"}""");
        Assert.Equal("{}", await revoke.Content.ReadAsStringAsync());
        Assert.Equal(460, (int)(await AsMember(second).SendAsync(HttpMethod.Get, "/v3/test-mall/members/oauth/token/info")).StatusCode);
    }

    [Fact]
    public async Task BannedMemberGets467()
    {
        var id = await CreateMemberAsync("banned@example.no", "4741000004", "banned-password-1");
        var token = await TokenAsync("id", id.ToString(), "banned-password-1");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Portal.Features.Members.MemberService>()
                .SetBanAsync(ClubId(), id, DateTime.UtcNow.AddDays(3), Actor.System);
        }

        var response = await AsMember(token).SendAsync(HttpMethod.Get, "/v3/test-mall/members/me");

        Assert.Equal(467, (int)response.StatusCode);
        var body = await PlacewiseApi.JsonAsync(response);
        Assert.Equal("Member is banned!", body["error"]!.GetValue<string>());
        Assert.NotNull(body["banned_until"]);
    }

    [Fact]
    public async Task PartialUpdateRemovesNullPropertiesRecordsConsentsAndRefusesStaleVersions()
    {
        await CreateMemberAsync("update@example.no", "4741000005", "update-password-1");
        var member = AsMember(await TokenAsync("email", "update@example.no", "update-password-1"));
        var before = await member.SendAsync(HttpMethod.Get, "/v3/test-mall/members/me");
        var etag = before.Headers.ETag!.ToString();

        var updated = await member.SendAsync(HttpMethod.Put, "/v3/test-mall/members/me",
            """{"properties":{"last_name":null,"first_name":"Updated"},"consents":{"newsletter":{"status":false}},"sms_enabled":false}""",
            r => r.Headers.TryAddWithoutValidation("If-Match", etag));

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var json = await PlacewiseApi.JsonAsync(updated);
        Assert.Equal("Updated", json["properties"]!["first_name"]!.GetValue<string>());
        Assert.False(json["properties"]!.AsObject().ContainsKey("last_name"));
        Assert.False(json["consents"]!["newsletter"]!["status"]!.GetValue<bool>());
        Assert.Equal("disabled", json["sms_status"]!.GetValue<string>());
        Assert.Equal(1, factory.Database.Scalar("SELECT COUNT(*) FROM ConsentChanges WHERE ActorType = 'member' AND OldStatus = TRUE AND NewStatus = FALSE"));

        var stale = await member.SendAsync(HttpMethod.Put, "/v3/test-mall/members/me", """{"properties":{"first_name":"Lost"}}""",
            r => r.Headers.TryAddWithoutValidation("If-Match", etag));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(0, factory.Database.Scalar("SELECT COUNT(*) FROM Members WHERE FirstName = 'Lost'"));
    }

    [Fact]
    public async Task DeletingMeErasesTheMemberKeepsUnlinkedConsentProofAndAnAuditRecord()
    {
        var id = await CreateMemberAsync("erase@example.no", "4741000006", "erase-password-1");
        var member = AsMember(await TokenAsync("email", "erase@example.no", "erase-password-1"));

        var deleted = await member.SendAsync(HttpMethod.Delete, "/v3/test-mall/members/me");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(id, (await PlacewiseApi.JsonAsync(deleted))["id"]!.GetValue<long>());
        Assert.Equal(0, factory.Database.Scalar($"SELECT COUNT(*) FROM Members WHERE Id = {id}"));
        Assert.Equal(0, factory.Database.Scalar($"SELECT COUNT(*) FROM MemberAccessTokens WHERE MemberId = {id}"));
        Assert.True(factory.Database.Scalar("SELECT COUNT(*) FROM ConsentChanges WHERE MemberId IS NULL") >= 1);
        Assert.Equal(1, factory.Database.Scalar($"SELECT COUNT(*) FROM AuditRecords WHERE Action = 'member.deleted' AND Target = 'member:{id}' AND Channel = 'api' AND COALESCE(Details, '') NOT LIKE '%erase@%'"));
        Assert.Equal(460, (int)(await member.SendAsync(HttpMethod.Get, "/v3/test-mall/members/me")).StatusCode);
    }

    [Fact]
    public async Task LookupsByIdEmailAndMsisdnAnd404()
    {
        var id = await CreateMemberAsync("lookup@example.no", "4741000007", "lookup-password-1");

        foreach (var path in new[] { $"/v3/test-mall/members/{id}", "/v3/test-mall/members/by_email/LOOKUP@example.no", "/v3/test-mall/members/by_msisdn/+4741000007" })
        {
            var response = await api.SendAsync(HttpMethod.Get, path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(id, (await PlacewiseApi.JsonAsync(response))["id"]!.GetValue<long>());
        }
        var missing = await api.SendAsync(HttpMethod.Get, "/v3/test-mall/members/by_email/nobody@example.no");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("""{"error":"Member not found"}""", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ListPagesInCreationOrder()
    {
        for (var i = 0; i < 3; i++)
        {
            await CreateMemberAsync($"list{i}@example.no", $"474200000{i}", "list-password-1");
        }

        var response = await api.SendAsync(HttpMethod.Get, "/v3/test-mall/members?per_page=2&page_no=1");
        var tooMany = await api.SendAsync(HttpMethod.Get, "/v3/test-mall/members?per_page=1001");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PlacewiseApi.JsonAsync(response);
        Assert.Equal(2, page["members"]!.AsArray().Count);
        var info = page["pagination_info"]!;
        Assert.Equal(2, info["per_page"]!.GetValue<int>());
        Assert.Equal(1, info["current_page"]!.GetValue<int>());
        Assert.True(info["is_first_page"]!.GetValue<bool>());
        Assert.Null(info["prev_page"]);
        Assert.Equal(2, info["next_page"]!.GetValue<int>());
        Assert.True(info["total_count"]!.GetValue<int>() >= 3);
        var ids = page["members"]!.AsArray().Select(m => m!["id"]!.GetValue<long>()).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
    }

    [Fact]
    public async Task ValidateAlwaysAnswers200AndWritesNothing()
    {
        await CreateMemberAsync("taken@example.no", "4741000008", "taken-password-1");
        var before = factory.Database.Scalar("SELECT COUNT(*) FROM Members");

        var invalid = await PlacewiseApi.JsonAsync(await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members/validate",
            """{"properties":{"email":"TAKEN@example.no","birthday":"tomorrow"}}"""));
        var valid = await PlacewiseApi.JsonAsync(await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members/validate",
            """{"properties":{"last_name":"Hansen"}}"""));

        Assert.False(invalid["valid"]!.GetValue<bool>());
        Assert.Equal("duplicated_email_in_community", invalid["errors"]!["email"]![0]!["error"]!.GetValue<string>());
        Assert.Equal("invalid_date", invalid["errors"]!["birthday"]![0]!["error"]!.GetValue<string>());
        Assert.True(valid["valid"]!.GetValue<bool>());
        Assert.Equal(before, factory.Database.Scalar("SELECT COUNT(*) FROM Members"));
    }

    private int ClubId() => (int)factory.Database.Scalar("SELECT Id FROM LoyaltyClubs WHERE Slug = 'test-mall'");

    private async Task<long> CreateMemberAsync(string email, string msisdn, string password)
    {
        var response = await api.CreateMemberAsync(JsonNode.Parse($$"""
            {"properties":{"email":"{{email}}","msisdn":"{{msisdn}}","first_name":"Test","last_name":"Member"},
             "password":"{{password}}","consents":{"newsletter":true} }
            """)!.AsObject());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await PlacewiseApi.JsonAsync(response))["id"]!.GetValue<long>();
    }

    private async Task<JsonObject> TokenAsync(string identifierType, string identifier, string password)
    {
        var response = await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members/oauth/token",
            $$"""{"grant_type":"password","identifier_type":"{{identifierType}}","identifier":"{{identifier}}","password":"{{password}}"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PlacewiseApi.JsonAsync(response);
    }

    private PlacewiseApi AsMember(JsonObject token) => AsMember(token["access_token"]!.GetValue<string>());

    private PlacewiseApi AsMember(string accessToken) =>
        new(new MemberTokenClient(factory.CreateBrowserlessClient(), accessToken).Client, "");

    /// <summary>Adds the member's bearer token to every request.</summary>
    private sealed class MemberTokenClient
    {
        public MemberTokenClient(HttpClient client, string accessToken)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
            Client = client;
        }

        public HttpClient Client { get; }
    }
}
