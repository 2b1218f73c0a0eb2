using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Portal.Data.Entities;

namespace Portal.Tests.Security;

/// <summary>
/// One <see cref="CorpusEntry"/> per API endpoint, under the endpoint's "METHOD /template". A test holds this list
/// to the app's endpoints, so a new endpoint fails until it has an entry here.
/// </summary>
public static class BadInputEntries
{
    private const string Slug = "loyalty_club_slug";
    private const string Placewise = "v3/{loyalty_club_slug}/members";

    private static readonly Lazy<IReadOnlyDictionary<string, CorpusEntry>> Entries = new(Build);

    public static IReadOnlyDictionary<string, CorpusEntry> All => Entries.Value;

    private static IReadOnlyDictionary<string, CorpusEntry> Build()
    {
        var entries = new Dictionary<string, CorpusEntry>(StringComparer.Ordinal)
        {
            // Anonymous and input-free: nothing to corrupt, listed so that it is a decision.
            ["GET /health"] = new() { Format = ApiErrorFormat.ProblemDetails, Authenticate = (_, _) => { } },

            ["GET /api/storefront/v1/auth/authorize"] = Masivo(key: true),
            ["GET /auth/authorize"] = Masivo(key: true),
            ["PATCH /api/storefront/v1/customers/{id}/devices"] = Masivo(key: false) with
            {
                Route = c => new() { ["id"] = c.A.MemberId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                Body = c => new JsonObject
                {
                    ["device_token"] = $"masivo-token-{c.Next()}",
                    ["device_info"] = new JsonObject { ["platform"] = "android", ["model"] = "Pixel 9", ["osVersion"] = "15" },
                },
                Fields =
                [
                    new("device_token", FieldKind.String, (c, body, _) => Task.FromResult(c.Query("SELECT Token FROM DeviceTokens WHERE Token = $t", ("$t", body["device_token"]!.GetValue<string>())))),
                    new("device_info", FieldKind.Object),
                    new("device_info.platform", FieldKind.String),
                    new("device_info.model", FieldKind.String, (c, body, _) => Task.FromResult(c.Query("SELECT DeviceModel FROM DeviceTokens WHERE Token = $t", ("$t", body["device_token"]!.GetValue<string>())))),
                    new("device_info.osVersion", FieldKind.String, (c, body, _) => Task.FromResult(c.Query("SELECT OsVersion FROM DeviceTokens WHERE Token = $t", ("$t", body["device_token"]!.GetValue<string>())))),
                ],
                MassAssignment = async c =>
                {
                    var token = $"masivo-mass-{c.Next()}";
                    var extras = new JsonObject
                    {
                        ["device_token"] = token, ["device_info"] = new JsonObject { ["platform"] = "web" }, ["member_id"] = c.Factory.ClubB.MemberId, ["club_id"] = c.Factory.ClubB.Id, ["status"] = "invalid",
                        ["id"] = 1, ["customer_id"] = "someone-else", ["last_seen_at"] = "2000-01-01T00:00:00Z",
                    };
                    return (extras, _ =>
                    {
                        Assert.Equal($"{c.A.Id}|{c.A.MemberId}|{DeviceTokenStatus.Active}",
                            c.Query("SELECT ClubId || '|' || MemberId || '|' || Status FROM DeviceTokens WHERE Token = $t", ("$t", token)));
                        return Task.CompletedTask;
                    });
                },
            },

            ["POST /api/applets/{appletId}/applet-memberships"] = Centrapay() with
            {
                Route = c => new() { ["appletId"] = c.A.AppletId },
                Body = c => new JsonObject { ["accountId"] = c.A.AccountId },
                Fields = [new("accountId", FieldKind.String)],
                MassAssignment = async c =>
                {
                    var extras = new JsonObject
                    {
                        ["accountId"] = c.UpdateTargetAccountId, ["id"] = "ChosenIdChosenIdChosen", ["createdBy"] = "crn::user:evil", ["test"] = true,
                        ["appletId"] = c.Factory.ClubB.AppletId, ["clubId"] = c.Factory.ClubB.Id, ["createdAt"] = "2000-01-01T00:00:00.000Z",
                    };
                    return (extras, async response =>
                    {
                        var membership = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                        Assert.NotEqual("ChosenIdChosenIdChosen", membership["id"]!.GetValue<string>());
                        Assert.StartsWith("crn::api-key:", membership["createdBy"]!.GetValue<string>());
                        Assert.False(membership["test"]!.GetValue<bool>());
                        Assert.Equal(c.A.AppletId, membership["appletId"]!.GetValue<string>());
                        Assert.NotEqual("2000-01-01T00:00:00.000Z", membership["createdAt"]!.GetValue<string>());
                        Assert.Equal(c.A.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            c.Query("SELECT ClubId FROM AppletMemberships WHERE Id = $id", ("$id", membership["id"]!.GetValue<string>())));
                    });
                },
            },
            ["GET /api/accounts/{accountId}/applet-memberships"] = Centrapay() with
            {
                Route = c => new() { ["accountId"] = c.A.AccountId },
                Query = ["pageKey", "paginationLimit"],
            },
            ["GET /api/applet-memberships/{membershipId}"] = Centrapay() with { Route = c => new() { ["membershipId"] = c.A.MembershipId } },
            ["DELETE /api/applet-memberships/{membershipId}"] = Centrapay() with { Route = _ => new() { ["membershipId"] = "NoSuchMembershipAtAll1" } },

            [$"POST /{Placewise}"] = Client() with
            {
                Body = c => new JsonObject
                {
                    ["properties"] = new JsonObject { ["email"] = $"corpus-{c.Next()}@example.no", ["first_name"] = "Corpus", ["last_name"] = "Case" },
                    ["password"] = "Corpus-Passw0rd",
                    ["send_sms_welcome_message"] = false,
                },
                Fields =
                [
                    new("properties", FieldKind.Object),
                    new("properties.first_name", FieldKind.String, StoredProperty("first_name", fromResponse: true)),
                    new("properties.last_name", FieldKind.String, StoredProperty("last_name", fromResponse: true)),
                    new("properties.email", FieldKind.String),
                    new("consents", FieldKind.Object),
                    new("password", FieldKind.String),
                    new("registration_password", FieldKind.String),
                    new("external_token", FieldKind.String),
                    new("external_token_type", FieldKind.String),
                    new("send_sms_welcome_message", FieldKind.Boolean),
                    new("send_email_welcome_message", FieldKind.Boolean),
                    new("ignore_required_properties", FieldKind.Boolean),
                    new("favorite_stores", FieldKind.IntegerList),
                    new("sms_enabled", FieldKind.Boolean),
                    new("email_enabled", FieldKind.Boolean),
                    new("push_enabled", FieldKind.Boolean),
                ],
                MassAssignment = async c =>
                {
                    var email = $"mass-{c.Next()}@example.no";
                    var extras = new JsonObject
                    {
                        ["properties"] = new JsonObject { ["email"] = email }, ["password"] = "Corpus-Passw0rd",
                        ["id"] = 999_999, ["club_id"] = c.Factory.ClubB.Id, ["banned_until"] = "2999-01-01T00:00:00Z", ["version"] = 77,
                        ["account_id"] = "stolen-account", ["created_at"] = "2000-01-01T00:00:00Z", ["person_id"] = 5, ["has_password"] = false,
                        ["test_account"] = true, ["external_customer_id"] = "forged", ["optin_channel"] = "forged", ["sms_status"] = "hard_bounced",
                    };
                    return (extras, _ =>
                    {
                        Assert.Equal($"{c.A.Id}|0|1|0|0|0|mall-app|enabled|1",
                            c.Query("""
                                SELECT ClubId || '|' || CASE WHEN Id = 999999 THEN 1 ELSE 0 END || '|' || Version || '|' || CASE WHEN BannedUntil IS NOT NULL THEN 1 ELSE 0 END
                                    || '|' || CASE WHEN AccountId = 'stolen-account' THEN 1 ELSE 0 END || '|' || CASE WHEN TestAccount THEN 1 ELSE 0 END
                                    || '|' || OptinChannel || '|' || SmsStatus || '|' || CASE WHEN ExternalCustomerId IS NULL THEN 1 ELSE 0 END
                                FROM Members WHERE Email = $e
                                """, ("$e", email)));
                        return Task.CompletedTask;
                    });
                },
            },
            [$"POST /{Placewise}/validate"] = Client() with
            {
                Body = c => new JsonObject { ["properties"] = new JsonObject { ["email"] = $"valid-{c.Next()}@example.no" } },
                Fields = [new("properties", FieldKind.Object), new("properties.first_name", FieldKind.String), new("consents", FieldKind.Object)],
                RejectsWithValidFalse = true,
            },
            [$"GET /{Placewise}"] = Client() with { Query = ["per_page", "page_no"] },
            [$"GET /{Placewise}/{{id:long}}"] = Client() with { Route = c => Route(c, ("id", c.UpdateTargetId.ToString(System.Globalization.CultureInfo.InvariantCulture))) },
            [$"GET /{Placewise}/by_email/{{email}}"] = Client() with { Route = c => Route(c, ("email", c.A.MemberEmail)) },
            [$"GET /{Placewise}/by_msisdn/{{msisdn}}"] = Client() with { Route = c => Route(c, ("msisdn", c.A.MemberMsisdn)) },
            [$"GET /{Placewise}/{{id:long}}/public_info"] = Client() with { Route = c => Route(c, ("id", c.A.MemberId.ToString(System.Globalization.CultureInfo.InvariantCulture))) },
            [$"GET /{Placewise}/by_email/{{email}}/public_info"] = Client() with { Route = c => Route(c, ("email", c.A.MemberEmail)) },
            [$"GET /{Placewise}/by_msisdn/{{msisdn}}/public_info"] = Client() with { Route = c => Route(c, ("msisdn", c.A.MemberMsisdn)) },
            [$"GET /{Placewise}/{{id:long}}/person_id"] = Client() with { Route = c => Route(c, ("id", c.A.MemberId.ToString(System.Globalization.CultureInfo.InvariantCulture))) },
            [$"GET /{Placewise}/by_email/{{email}}/person_id"] = Client() with { Route = c => Route(c, ("email", c.A.MemberEmail)) },
            [$"GET /{Placewise}/by_msisdn/{{msisdn}}/person_id"] = Client() with { Route = c => Route(c, ("msisdn", c.A.MemberMsisdn)) },
            ["GET /v3/{loyalty_club_slug}/loyalty_club"] = Client(),
            ["GET /v3/{loyalty_club_slug}/loyalty_clubs"] = Client(),
            ["GET /v3/{loyalty_club_slug}/legal_information"] = Client(),
            [$"PUT /{Placewise}/{{id:long}}"] = Client() with
            {
                Route = c => Route(c, ("id", c.UpdateTargetId.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                Body = _ => new JsonObject { ["properties"] = new JsonObject { ["first_name"] = "Updated" } },
                Fields = UpdateFields,
                MassAssignment = UpdateMassAssignment,
            },
            [$"DELETE /{Placewise}/{{id:long}}"] = Client() with { Route = c => Route(c, ("id", "987654321")) },
            [$"GET /{Placewise}/me"] = Member(),
            [$"GET /{Placewise}/me/data_export"] = Member(),
            [$"PUT /{Placewise}/me"] = Member() with
            {
                Body = _ => new JsonObject { ["properties"] = new JsonObject { ["first_name"] = "Updated" } },
                Fields = UpdateFields,
                MassAssignment = UpdateMassAssignment,
            },
            // Only route and credential cases: none may reach the member, so the corpus's own member survives.
            [$"DELETE /{Placewise}/me"] = Member(),
            ["GET /v3/{loyalty_club_slug}/schema"] = Client(),
            [$"POST /{Placewise}/oauth/token"] = Client() with
            {
                Body = c => new JsonObject
                {
                    ["grant_type"] = "password", ["identifier_type"] = "email", ["identifier"] = c.A.MemberEmail, ["password"] = SeededClub.MemberPassword,
                },
                Fields =
                [
                    new("grant_type", FieldKind.String), new("identifier_type", FieldKind.String), new("identifier", FieldKind.String),
                    new("password", FieldKind.String), new("refresh_token", FieldKind.String),
                ],
                MassAssignment = async c =>
                {
                    var extras = new JsonObject
                    {
                        ["grant_type"] = "password", ["identifier"] = c.A.MemberEmail, ["password"] = SeededClub.MemberPassword,
                        ["resource_owner_id"] = c.Factory.ClubB.MemberId, ["expires_in"] = 999_999_999, ["token_type"] = "admin", ["scopes"] = new JsonArray("admin"),
                    };
                    return (extras, async response =>
                    {
                        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                        Assert.Equal(c.A.MemberId, token["resource_owner_id"]!.GetValue<long>());
                        Assert.Equal(86_400, token["expires_in"]!.GetValue<int>());
                        Assert.Equal("bearer", token["token_type"]!.GetValue<string>());
                    });
                },
            },
            [$"POST /{Placewise}/oauth/revoke"] = Client() with { Body = _ => new JsonObject { ["token"] = "not-a-token" }, Fields = [new("token", FieldKind.String)] },
            [$"GET /{Placewise}/oauth/token/info"] = Member(seeded: true),
            [$"POST /{Placewise}/registration_password/sms"] = Client() with { Body = c => new JsonObject { ["msisdn"] = $"4793{c.Next():000000}" }, Fields = [new("msisdn", FieldKind.String)] },
            [$"POST /{Placewise}/registration_password/email"] = Client() with { Body = c => new JsonObject { ["email"] = $"reg-{c.Next()}@example.no" }, Fields = [new("email", FieldKind.String)] },
            [$"POST /{Placewise}/otp/sms"] = Client() with { Body = c => new JsonObject { ["msisdn"] = c.A.MemberMsisdn }, Fields = [new("msisdn", FieldKind.String)] },
            [$"POST /{Placewise}/otp/sms_by_email"] = Client() with { Body = c => new JsonObject { ["email"] = c.A.MemberEmail }, Fields = [new("email", FieldKind.String)] },
            [$"POST /{Placewise}/otp/email"] = Client() with { Body = c => new JsonObject { ["email"] = c.A.MemberEmail }, Fields = [new("email", FieldKind.String)] },
            [$"POST /{Placewise}/otp/email_by_msisdn"] = Client() with { Body = c => new JsonObject { ["msisdn"] = c.A.MemberMsisdn }, Fields = [new("msisdn", FieldKind.String)] },
            [$"POST /{Placewise}/me/app_tokens"] = AppToken(),
            [$"POST /{Placewise}/{{member_id:long}}/app_tokens"] = AppToken() with
            {
                Route = c => Route(c, ("member_id", c.UpdateTargetId.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            },
            [$"POST /{Placewise}/me/messages/{{message_id}}/delivered"] = Member(seeded: true) with { Route = c => Route(c, ("message_id", c.A.MessageId)), Body = _ => [] },
            [$"POST /{Placewise}/me/messages/{{message_id}}/open"] = Member(seeded: true) with { Route = c => Route(c, ("message_id", c.A.MessageId)), Body = _ => [] },
            [$"GET /{Placewise}/me/messages"] = Member(seeded: true),
            // The update target's own password as old and new: an accepted case leaves it as it was.
            [$"PUT /{Placewise}/me/password"] = Member() with
            {
                Body = _ => new JsonObject { ["current_password"] = SeededClub.MemberPassword, ["password"] = SeededClub.MemberPassword },
                Fields = [new("current_password", FieldKind.String), new("password", FieldKind.String)],
            },
            [$"POST /{Placewise}/send_password_reset_token"] = Client() with
            {
                Body = c => new JsonObject { ["email"] = $"reset-{c.Next()}@example.no" },
                Fields = [new("email", FieldKind.String), new("msisdn", FieldKind.String)],
            },
            // A fresh address, to which no token was sent: a refused case then has no try to count (which would be a write).
            [$"POST /{Placewise}/reset_password"] = Client() with
            {
                Body = c => new JsonObject { ["email"] = $"reset-none-{c.Next()}@example.no", ["token"] = "123456", ["password"] = "Corpus-Passw0rd-2" },
                Fields = [new("email", FieldKind.String), new("msisdn", FieldKind.String), new("token", FieldKind.String), new("password", FieldKind.String)],
            },
            [$"POST /{Placewise}/me/send_verification_email"] = Member() with { Body = _ => [] },
            [$"POST /{Placewise}/me/send_verification_sms"] = Member() with { Body = _ => [] },
            // The seeded member, to whom the corpus sends no verification code: a wrong code has no try to count.
            [$"POST /{Placewise}/me/verify_email"] = Member(seeded: true) with { Body = _ => new JsonObject { ["code"] = "123456" }, Fields = [new("code", FieldKind.String)] },
            [$"POST /{Placewise}/me/verify_msisdn"] = Member(seeded: true) with { Body = _ => new JsonObject { ["code"] = "123456" }, Fields = [new("code", FieldKind.String)] },
        };
        return entries;
    }

    private static readonly IReadOnlyList<CorpusField> UpdateFields =
    [
        new("properties", FieldKind.Object),
        new("properties.first_name", FieldKind.String, StoredProperty("first_name", fromResponse: false)),
        new("consents", FieldKind.Object),
        new("ignore_required_properties", FieldKind.Boolean),
        new("sms_enabled", FieldKind.Boolean),
        new("email_enabled", FieldKind.Boolean),
        new("push_enabled", FieldKind.Boolean),
    ];

    /// <summary>Update Member may change properties and channels, never the member's id, club, ban, version, account or password.</summary>
    private static async Task<(JsonObject, Func<HttpResponseMessage, Task>)> UpdateMassAssignment(CorpusContext c)
    {
        const string fields = """
            SELECT Id || '|' || ClubId || '|' || COALESCE(CAST(BannedUntil AS TEXT), '-') || '|' || AccountId || '|' || CASE WHEN TestAccount THEN 1 ELSE 0 END
                || '|' || COALESCE(ExternalCustomerId, '-') || '|' || COALESCE(OptinChannel, '-') || '|' || CreatedAt || '|' || COALESCE(PasswordHash, '-')
            FROM Members WHERE Id = $id
            """;
        var before = c.Query(fields, ("$id", c.UpdateTargetId));
        var version = long.Parse(c.Query("SELECT Version FROM Members WHERE Id = $id", ("$id", c.UpdateTargetId))!, System.Globalization.CultureInfo.InvariantCulture);
        var extras = new JsonObject
        {
            ["properties"] = new JsonObject { ["first_name"] = "Mass" },
            ["id"] = c.Factory.ClubB.MemberId, ["club_id"] = c.Factory.ClubB.Id, ["banned_until"] = "2999-01-01T00:00:00Z", ["version"] = 77,
            ["account_id"] = "stolen-account", ["test_account"] = true, ["external_customer_id"] = "forged", ["optin_channel"] = "forged",
            ["created_at"] = "2000-01-01T00:00:00Z", ["password"] = "New-Passw0rd-Forged", ["banned"] = true,
        };
        return (extras, _ =>
        {
            Assert.Equal(before, c.Query(fields, ("$id", c.UpdateTargetId)));
            Assert.Equal((version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), c.Query("SELECT Version FROM Members WHERE Id = $id", ("$id", c.UpdateTargetId)));
            Assert.Equal("Mass", c.Query("SELECT FirstName FROM Members WHERE Id = $id", ("$id", c.UpdateTargetId)));
            return Task.CompletedTask;
        });
    }

    /// <summary>The stored value of a member property: of the member the answer names (create), or of the update target.</summary>
    private static Func<CorpusContext, JsonObject, HttpResponseMessage, Task<string?>> StoredProperty(string key, bool fromResponse) =>
        async (c, _, response) =>
        {
            var id = fromResponse ? (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>() : c.UpdateTargetId;
            return c.Query(c.Factory.Database.OnPostgres
                ? $"SELECT CAST(PropertiesJson AS json) ->> '{key}' FROM Members WHERE Id = $id"
                : $"SELECT json_extract(PropertiesJson, '$.{key}') FROM Members WHERE Id = $id", ("$id", id));
        };

    private static Dictionary<string, string> Route(CorpusContext c, params (string Name, string Value)[] values)
    {
        var route = new Dictionary<string, string> { [Slug] = c.A.Slug };
        foreach (var (name, value) in values)
        {
            route[name] = value;
        }
        return route;
    }

    private static void ProductHeaders(HttpRequestMessage request)
    {
        request.Headers.Add("X-Product-Name", "mall-app");
        request.Headers.Add("X-User-Agent", "MallApp/5.2 (iOS 18)");
    }

    /// <summary>Register Member App Token: the client token with its permit and the member token (the update target), as seed 000 sends them.</summary>
    private static CorpusEntry AppToken() => new CorpusEntry
    {
        Format = ApiErrorFormat.Placewise,
        CredentialHeader = "Authorization",
        Authenticate = (request, c) =>
        {
            request.Headers.Add("X-Client-Authorization", c.A.ApiKey);
            request.Headers.Authorization = new("Bearer", c.UpdateTargetToken);
            ProductHeaders(request);
        },
        Route = c => Route(c),
    } with

            {
                Body = c => new JsonObject
                {
                    ["token"] = $"corpus-token-{c.Next()}", ["platform"] = "ios", ["app_installation_id"] = $"install-{c.Next()}", ["firebase_project_slug"] = "mall-app",
                },
                Fields =
                [
                    new("token", FieldKind.String, (c, body, _) => Task.FromResult(c.Query("SELECT Token FROM DeviceTokens WHERE Token = $t", ("$t", body["token"]!.GetValue<string>())))),
                    new("platform", FieldKind.String),
                    new("app_installation_id", FieldKind.String, (c, body, _) => Task.FromResult(c.Query("SELECT AppInstallationId FROM DeviceTokens WHERE Token = $t", ("$t", body["token"]!.GetValue<string>())))),
                    new("firebase_project_slug", FieldKind.String, (c, body, _) => Task.FromResult(c.Query("SELECT FirebaseProjectSlug FROM DeviceTokens WHERE Token = $t", ("$t", body["token"]!.GetValue<string>())))),
                ],
                MassAssignment = async c =>
                {
                    var token = $"app-mass-{c.Next()}";
                    var extras = new JsonObject
                    {
                        ["token"] = token, ["platform"] = "android", ["member_id"] = c.Factory.ClubB.MemberId, ["club_id"] = c.Factory.ClubB.Id,
                        ["status"] = "invalid", ["id"] = 1, ["invalid_reason"] = "forged",
                    };
                    return (extras, _ =>
                    {
                        Assert.Equal($"{c.A.Id}|{c.UpdateTargetId}|{DeviceTokenStatus.Active}|1",
                            c.Query("SELECT ClubId || '|' || MemberId || '|' || Status || '|' || CASE WHEN InvalidReason IS NULL THEN 1 ELSE 0 END FROM DeviceTokens WHERE Token = $t", ("$t", token)));
                        return Task.CompletedTask;
                    });
                },
            };

    private static CorpusEntry Client() => new()
    {
        Format = ApiErrorFormat.Placewise,
        CredentialHeader = "X-Client-Authorization",
        Authenticate = (request, c) =>
        {
            request.Headers.Add("X-Client-Authorization", c.A.ApiKey);
            ProductHeaders(request);
        },
        Route = c => Route(c),
    };

    /// <summary>A member-token endpoint, as the update target (or, for read-only ones, the seeded member).</summary>
    private static CorpusEntry Member(bool seeded = false) => new()
    {
        Format = ApiErrorFormat.Placewise,
        CredentialHeader = "Authorization",
        Authenticate = (request, c) =>
        {
            request.Headers.Authorization = new("Bearer", seeded ? c.A.AccessToken : c.UpdateTargetToken);
            ProductHeaders(request);
        },
        Route = c => Route(c),
    };

    private static CorpusEntry Masivo(bool key) => new()
    {
        Format = ApiErrorFormat.Masivo,
        CredentialHeader = key ? "x-api-key" : "Authorization",
        Authenticate = (request, c) =>
        {
            if (key)
            {
                request.Headers.Add("x-api-key", c.A.ApiKey);
            }
            else
            {
                request.Headers.Authorization = new("Bearer", c.A.ApiKey);
            }
        },
    };

    private static CorpusEntry Centrapay() => new()
    {
        Format = ApiErrorFormat.Centrapay,
        CredentialHeader = "x-api-key",
        Authenticate = (request, c) => request.Headers.Add("x-api-key", c.A.ApiKey),
    };
}
