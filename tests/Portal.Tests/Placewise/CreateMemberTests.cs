using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Data.Entities;
using Portal.Features.ApiKeys;
using Portal.Features.Schema;
using Portal.Tests.Web;
using Portal.Features.OneTimeCodes;
using Portal.Features.Members;

namespace Portal.Tests.Placewise;

/// <summary>POST /v3/{slug}/members against seed document 001 ("Create Member").</summary>
public class CreateMemberTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>, IAsyncLifetime
{
    private PlacewiseApi api = default!;

    public async Task InitializeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var schemas = scope.ServiceProvider.GetRequiredService<ClubSchemaService>();
        var clubId = ClubId();
        // The schema the seed's example member implies.
        await schemas.SavePropertyAsync(clubId, "interests", "Interests", MemberPropertyType.MultipleChoice, false, ["bikes_and_cars", "sportwear", "food"], Actor.System);
        await schemas.SavePropertyAsync(clubId, "child_birth_years", "Children's birth years", MemberPropertyType.IntegerList, false, [], Actor.System);
        await schemas.SaveConsentAsync(clubId, "consent1", "Newsletter", "News by e-mail", true, Actor.System);
        await schemas.SaveConsentAsync(clubId, "consent2", "SMS offers", "Offers by SMS", true, Actor.System);
        api = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private int ClubId() => (int)factory.Database.Scalar("SELECT Id FROM LoyaltyClubs WHERE Slug = 'test-mall'");

    private static JsonObject SeedMember(string email, string msisdn) => JsonNode.Parse($$"""
        {
          "properties": {
            "first_name": "Ola", "last_name": "Nordmann", "birthday": "1990-10-23",
            "interests": ["bikes_and_cars", "sportwear"], "child_birth_years": [2010, 2011, 2011], "language": "no",
            "email": "{{email}}", "msisdn": "{{msisdn}}"
          },
          "consents": { "consent1": { "status": true }, "consent2": false },
          "password": "correct horse battery",
          "send_sms_welcome_message": false
        }
        """)!.AsObject();

    [Fact]
    public async Task ReplaysTheSeedExampleAndAnswersTheSeedsMemberJson()
    {
        var response = await api.CreateMemberAsync(SeedMember("Ola.Nordmann@Example.no", "+47 40769126"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var member = await PlacewiseApi.JsonAsync(response);
        string[] seedFields =
        [
            "id", "properties", "consents", "sms_status", "email_status", "push_status", "optin_channel", "optin_subchannel",
            "created_at", "updated_at", "banned_until", "person_id", "has_password", "subunit_ids", "has_push_token",
            "social_logins", "favorite_stores",
        ];
        // Every field of the seed, in its order, then Portal's documented additions.
        Assert.Equal([.. seedFields, "account_id", "email_verified", "msisdn_verified"], member.Select(p => p.Key).ToArray());
        Assert.False(member["email_verified"]!.GetValue<bool>());
        Assert.False(member["msisdn_verified"]!.GetValue<bool>());
        Assert.Matches("^[1-9A-HJ-NP-Za-km-z]{22}$", member["account_id"]!.GetValue<string>());
        Assert.True(member["id"]!.GetValue<long>() > 0);
        var properties = member["properties"]!.AsObject();
        Assert.Equal("ola.nordmann@example.no", properties["email"]!.GetValue<string>());
        Assert.Equal("4740769126", properties["msisdn"]!.GetValue<string>());
        Assert.Equal("1990-10-23", properties["birthday"]!.GetValue<string>());
        Assert.Equal("""["bikes_and_cars","sportwear"]""", properties["interests"]!.ToJsonString());
        Assert.Equal("[2010,2011,2011]", properties["child_birth_years"]!.ToJsonString());
        Assert.True(member["consents"]!["consent1"]!["status"]!.GetValue<bool>());
        Assert.False(member["consents"]!["consent2"]!["status"]!.GetValue<bool>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", member["consents"]!["consent1"]!["updated_at"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$", member["created_at"]!.GetValue<string>());
        Assert.Equal("enabled", member["sms_status"]!.GetValue<string>());
        Assert.Equal("mall-app", member["optin_channel"]!.GetValue<string>());
        Assert.Equal("campaign-10-2017", member["optin_subchannel"]!.GetValue<string>());
        Assert.Null(member["banned_until"]);
        Assert.True(member["has_password"]!.GetValue<bool>());
        Assert.Equal("[]", member["subunit_ids"]!.ToJsonString());
        Assert.Equal("[]", member["favorite_stores"]!.ToJsonString());
    }

    [Fact]
    public async Task DuplicateEmailAnswersExactlyTheSeeds422Body()
    {
        Assert.Equal(HttpStatusCode.Created, (await api.CreateMemberAsync(SeedMember("dup@example.no", "4790000001"))).StatusCode);

        var response = await api.CreateMemberAsync(SeedMember("DUP@example.no", "4790000002"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("""{"email":[{"property":"email","error":"duplicated_email_in_community"}]}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, factory.Database.Scalar("SELECT COUNT(*) FROM Members WHERE Msisdn = '4790000002'"));
    }

    [Fact]
    public async Task SchemaErrorsComeOnePerPropertyAndWriteNothing()
    {
        var body = SeedMember("not-an-email", "12");
        body["properties"]!["birthday"] = "23.10.1990";
        var before = factory.Database.Scalar("SELECT COUNT(*) FROM Members");

        var response = await api.CreateMemberAsync(body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = await PlacewiseApi.JsonAsync(response);
        Assert.Equal("invalid_email", errors["email"]![0]!["error"]!.GetValue<string>());
        Assert.Equal("email", errors["email"]![0]!["property"]!.GetValue<string>());
        Assert.Equal("invalid_msisdn", errors["msisdn"]![0]!["error"]!.GetValue<string>());
        Assert.Equal("invalid_date", errors["birthday"]![0]!["error"]!.GetValue<string>());
        Assert.Equal(before, factory.Database.Scalar("SELECT COUNT(*) FROM Members"));
    }

    [Fact]
    public async Task BodyFieldsOutsideTheContractChangeNothing()
    {
        var body = SeedMember("massassign@example.no", "4790000003");
        body["id"] = 999999;
        body["person_id"] = 5;
        body["created_at"] = "2001-01-01T00:00:00Z";
        body["has_password"] = false;

        var member = await PlacewiseApi.JsonAsync(await api.CreateMemberAsync(body));

        Assert.NotEqual(999999, member["id"]!.GetValue<long>());
        Assert.DoesNotContain("2001", member["created_at"]!.GetValue<string>());
        Assert.True(member["has_password"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ConsentAnswersAreRecordedWithTheClientAsActor()
    {
        var member = await PlacewiseApi.JsonAsync(await api.CreateMemberAsync(SeedMember("history@example.no", "4790000004")));
        var id = member["id"]!.GetValue<long>();

        Assert.Equal(2, factory.Database.Scalar($"SELECT COUNT(*) FROM ConsentChanges WHERE MemberId = {id} AND Channel = 'api' AND ActorType = 'api_key' AND ClientName = 'mall-app' AND ActorName = 'Mall app' AND OldStatus IS NULL AND DefinitionVersion = 1"));
    }

    [Fact]
    public async Task WelcomeMessagesGoToTheOutbox()
    {
        var body = SeedMember("welcome@example.no", "4790000005");
        body["send_sms_welcome_message"] = true;

        await api.CreateMemberAsync(body);

        Assert.Equal(1, factory.Database.Scalar("SELECT COUNT(*) FROM OutboxMessages WHERE Recipient = 'welcome@example.no' AND Purpose = 'welcome' AND Channel = 'email'"));
        Assert.Equal(1, factory.Database.Scalar("SELECT COUNT(*) FROM OutboxMessages WHERE Recipient = '4790000005' AND Purpose = 'welcome' AND Channel = 'sms'"));
    }

    [Fact]
    public async Task NoPasswordOfAnyKindIs465()
    {
        var body = SeedMember("nopassword@example.no", "4790000006");
        body.Remove("password");

        var response = await api.CreateMemberAsync(body);

        Assert.Equal(465, (int)response.StatusCode);
        Assert.Equal("""{"error":"registration_password or password param is missing"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task APasswordShorterThanTheRuleIs422TooShortAndCreatesNoMember()
    {
        var body = SeedMember("shortpassword@example.no", "4790000019");
        body["password"] = "short";

        var response = await api.CreateMemberAsync(body);

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal("""{"password":[{"property":"password","error":"too_short"}]}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, factory.Database.Scalar("SELECT COUNT(*) FROM Members WHERE Email = 'shortpassword@example.no'"));
    }

    [Fact]
    public async Task RegistrationCodeFromTheOutboxCreatesTheMemberOnceAndAWrongOneIs466()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(RegistrationCodeOutcome.Sent, await scope.ServiceProvider.GetRequiredService<OneTimeCodeService>()
                .SendRegistrationCodeAsync(ClubId(), MemberAddress.Msisdn("4790000007")));
        }
        var body = SeedMember("registered@example.no", "+4790000007");
        body.Remove("password");
        body["registration_password"] = "000000x";

        Assert.Equal(466, (int)(await api.CreateMemberAsync(body)).StatusCode);

        var code = TestOutbox.LatestCode(factory.Database, "4790000007", "registration_password");
        body["registration_password"] = code;
        var created = await api.CreateMemberAsync(body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False((await PlacewiseApi.JsonAsync(created))["has_password"]!.GetValue<bool>());

        var again = SeedMember("registered2@example.no", "+4790000007");
        again.Remove("password");
        again["registration_password"] = code;
        Assert.Equal(466, (int)(await api.CreateMemberAsync(again)).StatusCode);
    }

    [Fact]
    public async Task UnverifiableExternalTokenIs468()
    {
        var body = SeedMember("social@example.no", "4790000008");
        body.Remove("password");
        body["external_token"] = "eyJhbGciOi...";
        body["external_token_type"] = "apple";

        Assert.Equal(468, (int)(await api.CreateMemberAsync(body)).StatusCode);
    }

    [Theory]
    [InlineData("X-Product-Name", "", 470)]
    [InlineData("X-User-Agent", "", 470)]
    [InlineData("X-Product-Name", "a-product-name-that-goes-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on", 471)]
    public async Task ProductHeadersAreRequired(string header, string value, int status)
    {
        var response = await api.CreateMemberAsync(SeedMember("headers@example.no", "4790000009"), request =>
        {
            request.Headers.Remove(header);
            if (value.Length > 0)
            {
                request.Headers.Add(header, value);
            }
        });

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(header, (await PlacewiseApi.JsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task IgnoreRequiredPropertiesNeedsOnlyTheCreatePermit()
    {
        // Seed 001: "ignore_required_properties | boolean | no | false | When true , it allows to create a member without
        // required properties (client must have BL:Api:Members:Create permit to use this parameter) |".
        var createOnly = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory, ApiPermits.MembersCreate));
        var body = JsonNode.Parse("""{"properties":{"email":"ignore-required@example.no"},"password":"correct horse battery","ignore_required_properties":true}""")!.AsObject();

        var response = await createOnly.CreateMemberAsync(body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, factory.Database.Scalar("SELECT COUNT(*) FROM Members WHERE Email = 'ignore-required@example.no'"));
    }

    [Fact]
    public async Task WrongClientTokenIs401AndAKeyWithoutThePermitIs403()
    {
        var wrong = new PlacewiseApi(factory.CreateBrowserlessClient(), "pk_nope_nope");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.CreateMemberAsync(SeedMember("a@example.no", "4790000010"))).StatusCode);

        var readOnly = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory, "BL:Api:Schema:Show"));
        var response = await readOnly.CreateMemberAsync(SeedMember("a@example.no", "4790000010"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("BL:Api:Members:Create", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AKeyOfAnotherClubIsRefusedLikeAWrongKey()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Portal.Features.Clubs.ClubService>().CreateAsync("other-mall", "Other Mall", Actor.System);
        }
        var foreignKey = await PlacewiseApi.CreateKeyAsync(factory, club: "other-mall");

        var response = await new PlacewiseApi(factory.CreateBrowserlessClient(), foreignKey).CreateMemberAsync(SeedMember("b@example.no", "4790000011"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task UnknownClubIs404AndMalformedJsonIs400()
    {
        var elsewhere = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory), "no-such-mall");
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.CreateMemberAsync(SeedMember("c@example.no", "4790000012"))).StatusCode);

        var malformed = await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members", """{"properties": {"email": """);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.NotNull((await PlacewiseApi.JsonAsync(malformed))["error"]);
    }

    [Fact]
    public async Task ClubSlugHeaderMustMatchThePath()
    {
        var response = await api.CreateMemberAsync(SeedMember("slug@example.no", "4790000015"),
            request => request.Headers.Add("X-Loyalty-Club-Slug", "other-mall"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, factory.Database.Scalar("SELECT COUNT(*) FROM Members WHERE Email = 'slug@example.no'"));
    }

    [Fact]
    public async Task TheClubSlugHeaderTheSeedRequiresIsAcceptedAndMayBeLeftOut()
    {
        // Seed 001, Header Params: "X-Loyalty-Club-Slug / string / required / Default: {{LOYALTY_CLUB_SLUG}}".
        var withHeader = await api.CreateMemberAsync(SeedMember("slug-header@example.no", "4790000016"),
            request => request.Headers.Add("X-Loyalty-Club-Slug", "test-mall"));
        Assert.Equal(HttpStatusCode.Created, withHeader.StatusCode);

        // The path already names the club, so an app that leaves the header out is served as well.
        var withoutHeader = await api.CreateMemberAsync(SeedMember("slug-none@example.no", "4790000017"));
        Assert.Equal(HttpStatusCode.Created, withoutHeader.StatusCode);
    }

    [Fact]
    public async Task WithoutTheClientTokenTheSeedCallsOptionalCreateMemberIs401OnPurpose()
    {
        // Seed 001, Header Params: "X-Client-Authorization / string / optional / Default: {{API_TOKEN}}"; the same page:
        // "API Permit:BL:Api:Members:Create" and "Authorizations:UserToken". Portal keeps the token required (README,
        // OpenAPI): only a client token can carry that permit.
        var response = await api.CreateMemberAsync(SeedMember("no-token@example.no", "4790000018"), request =>
        {
            request.Headers.Remove("X-Client-Authorization");
            request.Headers.Add("X-Loyalty-Club-Slug", "test-mall");
        });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"error":"Invalid client token"}""", (await PlacewiseApi.JsonAsync(response)).ToJsonString());
        Assert.Equal(0, factory.Database.Scalar("SELECT COUNT(*) FROM Members WHERE Email = 'no-token@example.no'"));
    }

    [Fact]
    public async Task WrongTypesInTheBodyAre422ForThatField()
    {
        var body = SeedMember("types@example.no", "4790000013");
        body["send_sms_welcome_message"] = "yes";
        body["favorite_stores"] = "1,2";

        var response = await api.CreateMemberAsync(body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = await PlacewiseApi.JsonAsync(response);
        Assert.Equal("invalid_boolean", errors["send_sms_welcome_message"]![0]!["error"]!.GetValue<string>());
        Assert.Equal("invalid_list", errors["favorite_stores"]![0]!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task EditingTheSchemaChangesWhatTheApiAcceptsAtOnce()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClubSchemaService>()
                .SavePropertyAsync(ClubId(), "shoe_size", "Shoe size", MemberPropertyType.Integer, true, [], Actor.System);
        }
        try
        {
            var response = await api.CreateMemberAsync(SeedMember("shoes@example.no", "4790000014"));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("presence", (await PlacewiseApi.JsonAsync(response))["shoe_size"]![0]!["error"]!.GetValue<string>());

            var body = SeedMember("shoes@example.no", "4790000014");
            body["properties"]!["shoe_size"] = 44;
            Assert.Equal(HttpStatusCode.Created, (await api.CreateMemberAsync(body)).StatusCode);
        }
        finally
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ClubSchemaService>().RemovePropertyAsync(ClubId(), "shoe_size", Actor.System);
        }
    }

    [Fact]
    public async Task ShowSchemaListsPropertiesAndActiveConsents()
    {
        var response = await api.SendAsync(HttpMethod.Get, "/v3/test-mall/schema");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var schema = await PlacewiseApi.JsonAsync(response);
        Assert.Equal("no", schema["default_language"]!.GetValue<string>());
        var keys = schema["properties"]!.AsArray().Select(p => p!["key"]!.GetValue<string>()).ToList();
        Assert.Equal(["email", "msisdn", "first_name", "last_name", "birthday", "language", "interests", "child_birth_years"], keys.Take(8));
        Assert.Contains(schema["consents"]!.AsArray(), c => c!["key"]!.GetValue<string>() == "consent1");
    }
}
