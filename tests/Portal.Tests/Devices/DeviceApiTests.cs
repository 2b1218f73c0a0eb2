using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Features.ApiKeys;
using Portal.Tests.Placewise;
using Portal.Tests.Web;
using Portal.Features.Members;

namespace Portal.Tests.Devices;

/// <summary>The two app contracts that write device tokens: Placewise app_tokens (seed 000) and Masivo devices (seed 002).</summary>
public class DeviceApiTests(FakeClockWebFactory factory) : IClassFixture<FakeClockWebFactory>
{
    // The app's client token: seed 000 sends it with the member token to Register Member App Token.
    private string appKey = "";

    private async Task<(PlacewiseApi Client, long MemberId, string AccessToken)> MemberAsync(string email)
    {
        appKey = await PlacewiseApi.CreateKeyAsync(factory);
        var client = new PlacewiseApi(factory.CreateBrowserlessClient(), appKey);
        var created = await client.CreateMemberAsync(JsonNode.Parse($$"""{"properties":{"email":"{{email}}"},"password":"device-password-1"}""")!.AsObject());
        var id = (await PlacewiseApi.JsonAsync(created))["id"]!.GetValue<long>();
        var token = await PlacewiseApi.JsonAsync(await client.SendAsync(HttpMethod.Post, "/v3/test-mall/members/oauth/token",
            $$"""{"grant_type":"password","identifier_type":"id","identifier":"{{id}}","password":"device-password-1"}"""));
        return (client, id, token["access_token"]!.GetValue<string>());
    }

    private PlacewiseApi AsMember(string accessToken, string? clientToken = null)
    {
        var http = factory.CreateBrowserlessClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return new PlacewiseApi(http, clientToken ?? appKey);
    }

    private static string AppToken(string token, string installation, string platform = "ios") =>
        $$"""{"token":"{{token}}","platform":"{{platform}}","app_installation_id":"{{installation}}","firebase_project_slug":"mall-app"}""";

    [Fact]
    public async Task RegisterReplaceMoveAndRefreshThroughThePlacewiseApi()
    {
        var (client, ola, olaToken) = await MemberAsync("ola.devices@example.no");
        var (_, kari, kariToken) = await MemberAsync("kari.devices@example.no");
        var asOla = AsMember(olaToken);

        var first = await asOla.SendAsync(HttpMethod.Post, "/v3/test-mall/members/me/app_tokens", AppToken("fcm-1", "ola-phone"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("{}", await first.Content.ReadAsStringAsync());
        var member = await PlacewiseApi.JsonAsync(await client.SendAsync(HttpMethod.Get, $"/v3/test-mall/members/{ola}"));
        Assert.True(member["has_push_token"]!.GetValue<bool>());
        Assert.Equal("enabled", member["push_status"]!.GetValue<string>());

        await asOla.SendAsync(HttpMethod.Post, "/v3/test-mall/members/me/app_tokens", AppToken("fcm-2", "ola-phone"));
        Assert.Equal(1, factory.Database.Scalar($"SELECT COUNT(*) FROM DeviceTokens WHERE MemberId = {ola} AND Token = 'fcm-2'"));
        Assert.Equal(0, factory.Database.Scalar("SELECT COUNT(*) FROM DeviceTokens WHERE Token = 'fcm-1'"));

        await AsMember(kariToken).SendAsync(HttpMethod.Post, "/v3/test-mall/members/me/app_tokens", AppToken("fcm-2", "kari-phone", "android"));
        Assert.Equal(1, factory.Database.Scalar($"SELECT COUNT(*) FROM DeviceTokens WHERE MemberId = {kari} AND Token = 'fcm-2' AND Platform = 'android'"));
        var olaNow = await PlacewiseApi.JsonAsync(await client.SendAsync(HttpMethod.Get, $"/v3/test-mall/members/{ola}"));
        Assert.False(olaNow["has_push_token"]!.GetValue<bool>());
        Assert.Equal("disabled", olaNow["push_status"]!.GetValue<string>());

        var seenBefore = factory.Database.Scalar("SELECT COUNT(*) FROM DeviceTokens");
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await AsMember(kariToken).SendAsync(HttpMethod.Post, "/v3/test-mall/members/me/app_tokens", AppToken("fcm-2", "kari-phone", "android"));
        Assert.Equal(seenBefore, factory.Database.Scalar("SELECT COUNT(*) FROM DeviceTokens"));
        Assert.Equal(1, factory.Database.Scalar("SELECT COUNT(*) FROM DeviceTokens WHERE Token = 'fcm-2' AND LastSeenAt > UpdatedAt"));
    }

    [Theory]
    [InlineData("""{"platform":"ios","app_installation_id":"x"}""", "token", "presence")]
    [InlineData("""{"token":"t","platform":"windows","app_installation_id":"x"}""", "platform", "inclusion")]
    [InlineData("""{"token":"t","platform":"web","app_installation_id":"x"}""", "platform", "inclusion")]
    [InlineData("""{"token":42,"platform":"ios"}""", "token", "invalid_string")]
    public async Task InvalidParametersAre422InPlacewiseFormat(string body, string field, string code)
    {
        var (_, _, accessToken) = await MemberAsync($"bad-{Guid.NewGuid():N}@example.no");

        var response = await AsMember(accessToken).SendAsync(HttpMethod.Post, "/v3/test-mall/members/me/app_tokens", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(code, (await PlacewiseApi.JsonAsync(response))[field]![0]!["error"]!.GetValue<string>());
        Assert.Equal(0, factory.Database.Scalar("SELECT COUNT(*) FROM DeviceTokens WHERE Token = 't'"));
    }

    [Fact]
    public async Task AppTokensNeedAValidMemberToken()
    {
        var response = await AsMember("expired-or-wrong", await PlacewiseApi.CreateKeyAsync(factory)).SendAsync(HttpMethod.Post, "/v3/test-mall/members/me/app_tokens", AppToken("x", "y"));

        Assert.Equal(460, (int)response.StatusCode);
    }

    [Fact]
    public async Task AppTokensNeedTheClientTokenWithItsPermit()
    {
        // Seed 000, Register Member App Token: "API Permit:BL:Api:Members:AppTokens:CreateOrUpdate", and its request
        // sends both "--header 'Authorization: Bearer '" and "--header 'X-Client-Authorization: '".
        var (_, member, accessToken) = await MemberAsync($"permit-{Guid.NewGuid():N}@example.no");
        const string path = "/v3/test-mall/members/me/app_tokens";

        var memberTokenAlone = await AsMember(accessToken, "").SendAsync(HttpMethod.Post, path, AppToken("permit-1", "permit-phone"));
        Assert.Equal(HttpStatusCode.Unauthorized, memberTokenAlone.StatusCode);
        Assert.Equal("Invalid client token", (await PlacewiseApi.JsonAsync(memberTokenAlone))["error"]!.GetValue<string>());

        var withoutPermit = await AsMember(accessToken, await PlacewiseApi.CreateKeyAsync(factory, ApiPermits.MembersShow))
            .SendAsync(HttpMethod.Post, path, AppToken("permit-1", "permit-phone"));
        Assert.Equal(HttpStatusCode.Forbidden, withoutPermit.StatusCode);
        Assert.Contains(ApiPermits.MembersAppTokens, (await PlacewiseApi.JsonAsync(withoutPermit))["error"]!.GetValue<string>());

        var withPermit = await AsMember(accessToken, await PlacewiseApi.CreateKeyAsync(factory, ApiPermits.MembersAppTokens))
            .SendAsync(HttpMethod.Post, path, AppToken("permit-1", "permit-phone"));
        Assert.Equal(HttpStatusCode.OK, withPermit.StatusCode);
        Assert.Equal(1, factory.Database.Scalar($"SELECT COUNT(*) FROM DeviceTokens WHERE MemberId = {member} AND Token = 'permit-1'"));
    }

    [Fact]
    public async Task AppTokensByMemberIdActForTheTokensOwnMemberOnly()
    {
        // Seed 000, Register Member App Token, URL Parameters: "member_idMember's IDinteger"; Error Responses:
        // "404Member with given identifier could not found".
        var (_, other, _) = await MemberAsync($"other-{Guid.NewGuid():N}@example.no");
        var (_, member, accessToken) = await MemberAsync($"by-id-{Guid.NewGuid():N}@example.no");

        var own = await AsMember(accessToken).SendAsync(HttpMethod.Post, $"/v3/test-mall/members/{member}/app_tokens", AppToken("by-id-1", "by-id-phone"));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("{}", await own.Content.ReadAsStringAsync());
        Assert.Equal(1, factory.Database.Scalar($"SELECT COUNT(*) FROM DeviceTokens WHERE MemberId = {member} AND Token = 'by-id-1'"));

        foreach (var id in new[] { other, 987_654_321L })
        {
            var response = await AsMember(accessToken).SendAsync(HttpMethod.Post, $"/v3/test-mall/members/{id}/app_tokens", AppToken("by-id-2", "by-id-phone-2"));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("Member with given identifier could not be found", (await PlacewiseApi.JsonAsync(response))["error"]!.GetValue<string>());
        }
        Assert.Equal(0, factory.Database.Scalar("SELECT COUNT(*) FROM DeviceTokens WHERE Token = 'by-id-2'"));
    }

    [Fact]
    public async Task MasivoAuthorizeThenPatchDevicesAnswersTheSeedsShape()
    {
        var (client, id, _) = await MemberAsync("masivo@example.no");
        var http = factory.CreateBrowserlessClient();
        var key = await PlacewiseApi.CreateKeyAsync(factory);

        var authorize = new HttpRequestMessage(HttpMethod.Get, "/api/storefront/v1/auth/authorize");
        authorize.Headers.Add("x-api-key", key);
        var auth = await PlacewiseApi.JsonAsync(await http.SendAsync(authorize));
        Assert.Equal("Bearer", auth["token_type"]!.GetValue<string>());
        Assert.Equal(3600, auth["expires_in"]!.GetValue<int>());

        var response = await PatchDevicesAsync(http, auth["access_token"]!.GetValue<string>(), id.ToString(),
            """{"device_token":"masivo-token-1","device_info":{"platform":"android","model":"Pixel 9","osVersion":"16"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = (await PlacewiseApi.JsonAsync(response))["data"]!.AsObject();
        Assert.Equal(["customer", "wallet"], data.Select(p => p.Key));
        var customer = data["customer"]!.AsObject();
        Assert.Equal(["id", "status", "name", "email", "gender", "dob", "registration_date", "tier_id", "metrics", "metadata"], customer.Select(p => p.Key));
        Assert.Equal(id.ToString(), customer["id"]!.GetValue<string>());
        Assert.Equal("ACTIVE", customer["status"]!.GetValue<string>());
        Assert.Equal("masivo@example.no", customer["email"]!.GetValue<string>());
        var wallet = data["wallet"]!.AsObject();
        Assert.Equal(["id", "owner_id", "lines", "totals"], wallet.Select(p => p.Key));
        Assert.Equal(id.ToString(), wallet["owner_id"]!.GetValue<string>());
        Assert.Equal("[]", wallet["lines"]!.ToJsonString());
        Assert.Equal(1, factory.Database.Scalar($"SELECT COUNT(*) FROM DeviceTokens WHERE MemberId = {id} AND Token = 'masivo-token-1' AND DeviceModel = 'Pixel 9' AND OsVersion = '16' AND Platform = 'android'"));
        var member = await PlacewiseApi.JsonAsync(await client.SendAsync(HttpMethod.Get, $"/v3/test-mall/members/{id}"));
        Assert.True(member["has_push_token"]!.GetValue<bool>());
    }

    [Fact]
    public async Task MasivoAcceptsTheApiKeyAsBearerAndRejectsEverythingElse()
    {
        var (_, id, _) = await MemberAsync("masivo-errors@example.no");
        var http = factory.CreateBrowserlessClient();
        var key = await PlacewiseApi.CreateKeyAsync(factory);
        const string body = """{"device_token":"masivo-token-2","device_info":{"platform":"ios"}}""";

        Assert.Equal(HttpStatusCode.OK, (await PatchDevicesAsync(http, key, id.ToString(), body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PatchDevicesAsync(http, "not-a-token", id.ToString(), body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PatchDevicesAsync(http, null, id.ToString(), body)).StatusCode);
        var unknown = await PatchDevicesAsync(http, key, "no-such-customer", body);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Customer not found", (await PlacewiseApi.JsonAsync(unknown))["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await PatchDevicesAsync(http, key, id.ToString(), "{nope")).StatusCode);
        var invalid = await PatchDevicesAsync(http, key, id.ToString(), """{"device_info":{"platform":"symbian"}}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var details = (await PlacewiseApi.JsonAsync(invalid))["details"]!;
        Assert.Equal("presence", details["device_token"]![0]!.GetValue<string>());
        Assert.Equal("inclusion", details["device_info.platform"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task MasivoDeviceInfoIsOptionalForAKnownToken()
    {
        // Seed 002, Body: "device_token string required" and "device_info object" (not required).
        var (_, id, _) = await MemberAsync($"masivo-alone-{Guid.NewGuid():N}@example.no");
        var http = factory.CreateBrowserlessClient();
        var key = await PlacewiseApi.CreateKeyAsync(factory);
        Assert.Equal(HttpStatusCode.OK, (await PatchDevicesAsync(http, key, id.ToString(),
            """{"device_token":"masivo-alone-1","device_info":{"platform":"android","model":"Pixel 9"}}""")).StatusCode);

        var alone = await PatchDevicesAsync(http, key, id.ToString(), """{"device_token":"masivo-alone-1"}""");

        Assert.Equal(HttpStatusCode.OK, alone.StatusCode);
        Assert.Equal(1, factory.Database.Scalar($"SELECT COUNT(*) FROM DeviceTokens WHERE MemberId = {id} AND Token = 'masivo-alone-1' AND Platform = 'android' AND DeviceModel = 'Pixel 9'"));
        // Stricter on purpose (README, OpenAPI): a token Portal has never seen cannot be pushed to without its platform.
        var unknown = await PatchDevicesAsync(http, key, id.ToString(), """{"device_token":"masivo-alone-2"}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal("presence", (await PlacewiseApi.JsonAsync(unknown))["details"]!["device_info.platform"]![0]!.GetValue<string>());
        Assert.Equal(0, factory.Database.Scalar("SELECT COUNT(*) FROM DeviceTokens WHERE Token = 'masivo-alone-2'"));
    }

    [Fact]
    public async Task MasivoRegistrationDateHasWholeSecondsAsInTheSeed()
    {
        // Seed 002, response example: "registration_date": "2023-11-07T05:31:56Z",
        factory.Clock.Advance(TimeSpan.FromMilliseconds(123));
        var (_, id, _) = await MemberAsync($"masivo-date-{Guid.NewGuid():N}@example.no");

        var response = await PatchDevicesAsync(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory), id.ToString(),
            """{"device_token":"masivo-date-1","device_info":{"platform":"ios"}}""");

        var date = (await PlacewiseApi.JsonAsync(response))["data"]!["customer"]!["registration_date"]!.GetValue<string>();
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", date);
    }

    [Fact]
    public async Task MasivoValidationDetailsNameFieldsByTheirPathInTheSeedsBody()
    {
        // Seed 002, request: "device_token": "<string>", "device_info": { "platform": "ios", "model": "<string>", "osVersion": "<string>" }
        var (_, id, _) = await MemberAsync($"masivo-keys-{Guid.NewGuid():N}@example.no");
        var body = new JsonObject
        {
            ["device_token"] = "masivo-keys-1",
            ["device_info"] = new JsonObject { ["platform"] = "web", ["model"] = new string('m', 10_000), ["osVersion"] = new string('v', 10_000) },
        };

        var response = await PatchDevicesAsync(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory), id.ToString(), body.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var details = (await PlacewiseApi.JsonAsync(response))["details"]!.AsObject();
        Assert.Equal(["device_info.model", "device_info.osVersion"], details.Select(d => d.Key).Order());
    }

    [Fact]
    public async Task MasivoTokensOfOneClubCannotReachAnotherClubsCustomers()
    {
        var (_, id, _) = await MemberAsync("masivo-isolation@example.no");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Portal.Features.Clubs.ClubService>().CreateAsync("rival-mall", "Rival Mall", Actor.System);
        }
        var foreignKey = await PlacewiseApi.CreateKeyAsync(factory, club: "rival-mall");
        var http = factory.CreateBrowserlessClient();

        var response = await PatchDevicesAsync(http, foreignKey, id.ToString(), """{"device_token":"rival","device_info":{"platform":"ios"}}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, factory.Database.Scalar("SELECT COUNT(*) FROM DeviceTokens WHERE Token = 'rival'"));
    }

    [Fact]
    public async Task MasivoFindsCustomersByTheClubsOwnIdFirst()
    {
        var clubId = (int)factory.Database.Scalar("SELECT Id FROM LoyaltyClubs WHERE Slug = 'test-mall'");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var members = scope.ServiceProvider.GetRequiredService<Portal.Features.Members.MemberService>();
            await members.CreateAsync(clubId, new Portal.Features.Members.MemberDraft
            {
                Properties = new JsonObject { ["email"] = "crm@example.no", ["first_name"] = "Cora", ["last_name"] = "Crm" },
                ExternalCustomerId = "CRM-123",
            }, Portal.Features.Audit.Actor.Import);
            var duplicate = await Assert.ThrowsAsync<Portal.Features.Members.MemberValidationException>(() => members.CreateAsync(clubId,
                new Portal.Features.Members.MemberDraft { Properties = new JsonObject { ["email"] = "crm2@example.no" }, ExternalCustomerId = "CRM-123" },
                Portal.Features.Audit.Actor.Import));
            Assert.Equal(["duplicated_external_customer_id"], duplicate.Errors["external_customer_id"]);
        }

        var response = await PatchDevicesAsync(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory), "CRM-123",
            """{"device_token":"crm-token","device_info":{"platform":"web"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var customer = (await PlacewiseApi.JsonAsync(response))["data"]!["customer"]!;
        Assert.Equal("CRM-123", customer["id"]!.GetValue<string>());
        Assert.Equal("Cora Crm", customer["name"]!.GetValue<string>());
    }

    private static Task<HttpResponseMessage> PatchDevicesAsync(HttpClient http, string? bearer, string customerId, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/storefront/v1/customers/{customerId}/devices")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return http.SendAsync(request);
    }
}
