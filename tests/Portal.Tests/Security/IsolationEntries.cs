using System.Globalization;
using System.Text.Json.Nodes;
using Portal.Features.Placewise;

namespace Portal.Tests.Security;

/// <summary>
/// How a walk credential is presented: a club API key (Placewise client, Masivo, Centrapay), a member token (with
/// club A's client token too for <see cref="PlacewiseClientAndMember"/>), or none.
/// </summary>
public enum IsolationAuth { PlacewiseClient, PlacewiseMember, PlacewiseClientAndMember, MasivoKey, MasivoBearer, Centrapay, None }

/// <summary>
/// What the isolation walk aims at club B through one endpoint: each target builds the route values and body naming
/// club B's objects, or (for <c>owner</c> null) objects that do not exist anywhere, for the control request.
/// </summary>
/// <param name="RunLast">Its probe leaves something in club A (a member with B's e-mail) that would change other endpoints' answers.</param>
public sealed record IsolationEntry(IsolationAuth Auth, IReadOnlyList<IsolationTarget> Targets, bool RunLast = false);

/// <param name="MayAct">
/// B's value is, in club A, just an unknown value and the action is legitimate (register an e-mail address that is
/// a member elsewhere): any answer but 5xx, as long as it equals the control's.
/// </param>
/// <param name="Refusal">The endpoint's own refusal status for this target when it is not 401/403/404 (461 bad credentials, ...).</param>
public sealed record IsolationTarget(string Name, Func<SeededClub?, SeededClub, (Dictionary<string, string> Route, JsonObject? Body)> Build, bool MayAct = false,
    int? Refusal = null);

public static class IsolationEntries
{
    private const string P = "v3/{loyalty_club_slug}/members";

    /// <summary>A route value under this name is the request's query string.</summary>
    public const string QueryKey = "?";

    public static readonly IReadOnlyDictionary<string, IsolationEntry> All = new Dictionary<string, IsolationEntry>(StringComparer.Ordinal)
    {
        ["GET /health"] = new(IsolationAuth.None, []),
        // A key gets a token for its own club only; there is nothing of another club to name.
        ["GET /api/storefront/v1/auth/authorize"] = new(IsolationAuth.MasivoKey, []),
        ["GET /auth/authorize"] = new(IsolationAuth.MasivoKey, []),
        ["PATCH /api/storefront/v1/customers/{id}/devices"] = new(IsolationAuth.MasivoBearer,
        [
            Target("member id", (b, _) => (new() { ["id"] = b?.MemberId.ToString(CultureInfo.InvariantCulture) ?? "987654321" }, DeviceBody())),
            Target("external customer id", (b, _) => (new() { ["id"] = b?.ExternalCustomerId ?? "ext-nobody-1" }, DeviceBody())),
        ]),
        ["POST /api/applets/{appletId}/applet-memberships"] = new(IsolationAuth.Centrapay,
        [
            Target("applet", (b, a) => (new() { ["appletId"] = b?.AppletId ?? "NoSuchAppletAnywhere12" }, new JsonObject { ["accountId"] = a.AccountId })),
            Target("account", (b, a) => (new() { ["appletId"] = a.AppletId }, new JsonObject { ["accountId"] = b?.AccountId ?? "NoSuchAccountAnywhere1" })),
        ]),
        ["GET /api/accounts/{accountId}/applet-memberships"] = new(IsolationAuth.Centrapay,
        [
            Target("account", (b, _) => (new() { ["accountId"] = b?.AccountId ?? "NoSuchAccountAnywhere1" }, null)),
            Target("page key of B's list", (b, a) => (new() { ["accountId"] = a.AccountId, [QueryKey] = "pageKey=" + Uri.EscapeDataString(b?.MembershipPageKey ?? "bm90LWEtcGFnZS1rZXk") }, null),
                Refusal: 400),
        ]),
        ["GET /api/applet-memberships/{membershipId}"] = new(IsolationAuth.Centrapay, [Membership()]),
        ["DELETE /api/applet-memberships/{membershipId}"] = new(IsolationAuth.Centrapay, [Membership()]),

        [$"POST /{P}"] = new(IsolationAuth.PlacewiseClient,
        [
            Target("e-mail and msisdn of B's member", (b, _) => (new(), new JsonObject
            {
                ["properties"] = new JsonObject { ["email"] = b?.MemberEmail ?? $"nobody-{Guid.NewGuid():N}@example.no", ["msisdn"] = b?.MemberMsisdn ?? "4799000001" },
                ["password"] = "Walk-Passw0rd",
            }), MayAct: true),
        ], RunLast: true),
        [$"POST /{P}/validate"] = new(IsolationAuth.PlacewiseClient,
        [
            Target("e-mail of B's member", (b, _) => (new(), new JsonObject { ["properties"] = new JsonObject { ["email"] = b?.MemberEmail ?? "nobody@example.no" } }), MayAct: true),
        ]),
        [$"GET /{P}"] = new(IsolationAuth.PlacewiseClient, []),
        [$"GET /{P}/{{id:long}}"] = new(IsolationAuth.PlacewiseClient, [MemberId()]),
        [$"PUT /{P}/{{id:long}}"] = new(IsolationAuth.PlacewiseClient, [MemberId(new JsonObject { ["properties"] = new JsonObject { ["first_name"] = "Hijacked" } })]),
        [$"DELETE /{P}/{{id:long}}"] = new(IsolationAuth.PlacewiseClient, [MemberId()]),
        [$"GET /{P}/by_email/{{email}}"] = new(IsolationAuth.PlacewiseClient,
            [Target("e-mail", (b, _) => (new() { ["email"] = b?.MemberEmail ?? "nobody@example.no" }, null))]),
        [$"GET /{P}/by_msisdn/{{msisdn}}"] = new(IsolationAuth.PlacewiseClient,
            [Target("msisdn", (b, _) => (new() { ["msisdn"] = b?.MemberMsisdn ?? "4799000001" }, null))]),
        [$"GET /{P}/{{id:long}}/public_info"] = new(IsolationAuth.PlacewiseClient, [MemberId()]),
        [$"GET /{P}/by_email/{{email}}/public_info"] = new(IsolationAuth.PlacewiseClient,
            [Target("e-mail", (b, _) => (new() { ["email"] = b?.MemberEmail ?? "nobody@example.no" }, null))]),
        [$"GET /{P}/by_msisdn/{{msisdn}}/public_info"] = new(IsolationAuth.PlacewiseClient,
            [Target("msisdn", (b, _) => (new() { ["msisdn"] = b?.MemberMsisdn ?? "4799000001" }, null))]),
        [$"GET /{P}/{{id:long}}/person_id"] = new(IsolationAuth.PlacewiseClient, [MemberId()]),
        [$"GET /{P}/by_email/{{email}}/person_id"] = new(IsolationAuth.PlacewiseClient,
            [Target("e-mail", (b, _) => (new() { ["email"] = b?.MemberEmail ?? "nobody@example.no" }, null))]),
        [$"GET /{P}/by_msisdn/{{msisdn}}/person_id"] = new(IsolationAuth.PlacewiseClient,
            [Target("msisdn", (b, _) => (new() { ["msisdn"] = b?.MemberMsisdn ?? "4799000001" }, null))]),
        // Club endpoints name no object but the club in the path: A's key on B's slug is as good as no key.
        ["GET /v3/{loyalty_club_slug}/loyalty_club"] = new(IsolationAuth.PlacewiseClient, []),
        ["GET /v3/{loyalty_club_slug}/loyalty_clubs"] = new(IsolationAuth.PlacewiseClient, []),
        ["GET /v3/{loyalty_club_slug}/legal_information"] = new(IsolationAuth.PlacewiseClient, []),
        [$"GET /{P}/me"] = new(IsolationAuth.PlacewiseMember, []),
        [$"GET /{P}/me/data_export"] = new(IsolationAuth.PlacewiseMember, []),
        [$"PUT /{P}/me"] = new(IsolationAuth.PlacewiseMember, []),
        [$"DELETE /{P}/me"] = new(IsolationAuth.PlacewiseMember, []),
        ["GET /v3/{loyalty_club_slug}/schema"] = new(IsolationAuth.PlacewiseClient, []),
        [$"POST /{P}/oauth/token"] = new(IsolationAuth.PlacewiseClient,
        [
            Target("password of B's member", (b, _) => (new(), new JsonObject
            {
                ["grant_type"] = "password", ["identifier"] = b?.MemberEmail ?? "nobody@example.no", ["password"] = SeededClub.MemberPassword,
            }), Refusal: 461),
            Target("refresh token of B's member", (b, _) => (new(), new JsonObject { ["grant_type"] = "refresh_token", ["refresh_token"] = b?.RefreshToken ?? "no-such-refresh-token" }),
                Refusal: 462),
        ]),
        // Revoking answers {} for any token; the walk checks afterwards that B's tokens still work.
        [$"POST /{P}/oauth/revoke"] = new(IsolationAuth.PlacewiseClient,
        [
            Target("access token of B's member", (b, _) => (new(), new JsonObject { ["token"] = b?.AccessToken ?? "no-such-access-token" }), MayAct: true),
            Target("refresh token of B's member", (b, _) => (new(), new JsonObject { ["token"] = b?.RefreshToken ?? "no-such-refresh-token" }), MayAct: true),
        ]),
        [$"GET /{P}/oauth/token/info"] = new(IsolationAuth.PlacewiseMember, []),
        [$"POST /{P}/registration_password/sms"] = new(IsolationAuth.PlacewiseClient, [Msisdn(mayAct: true)]),
        [$"POST /{P}/registration_password/email"] = new(IsolationAuth.PlacewiseClient, [Email(mayAct: true)]),
        [$"POST /{P}/otp/sms"] = new(IsolationAuth.PlacewiseClient, [Msisdn()]),
        [$"POST /{P}/otp/sms_by_email"] = new(IsolationAuth.PlacewiseClient, [Email()]),
        [$"POST /{P}/otp/email"] = new(IsolationAuth.PlacewiseClient, [Email()]),
        [$"POST /{P}/otp/email_by_msisdn"] = new(IsolationAuth.PlacewiseClient, [Msisdn()]),
        // Club A's app may hold the same push token string as club B's (tokens are unique per club): it is registered
        // in A alone, which the walk checks by B's token row staying as it was.
        [$"POST /{P}/me/app_tokens"] = new(IsolationAuth.PlacewiseClientAndMember, [AppToken()]),
        // B's member id answers as an id that is no one's: a member token acts for its own member only.
        [$"POST /{P}/{{member_id:long}}/app_tokens"] = new(IsolationAuth.PlacewiseClientAndMember,
        [
            Target("member id of B's member", (b, _) => (new() { ["member_id"] = b?.MemberId.ToString(CultureInfo.InvariantCulture) ?? "987654321" }, new JsonObject
            {
                ["token"] = $"walk-device-{Guid.NewGuid():N}", ["platform"] = "ios", ["app_installation_id"] = "walk-install-by-id",
            })),
        ]),
        [$"POST /{P}/me/messages/{{message_id}}/delivered"] = new(IsolationAuth.PlacewiseMember, [Message()]),
        [$"POST /{P}/me/messages/{{message_id}}/open"] = new(IsolationAuth.PlacewiseMember, [Message()]),
        [$"GET /{P}/me/messages"] = new(IsolationAuth.PlacewiseMember, []),
        [$"PUT /{P}/me/password"] = new(IsolationAuth.PlacewiseMember, []),
        // The same {} whether or not the address is a member's (of this club or any other).
        [$"POST /{P}/send_password_reset_token"] = new(IsolationAuth.PlacewiseClient, [Email(mayAct: true)]),
        // By msisdn, to which the walk never sends a token in club A: a wrong token would otherwise count a try.
        [$"POST /{P}/reset_password"] = new(IsolationAuth.PlacewiseClient,
        [
            Target("msisdn of B's member", (b, _) => (new(), new JsonObject
            {
                ["msisdn"] = b?.MemberMsisdn ?? "4799000001", ["token"] = "123456", ["password"] = "Walk-Passw0rd-2",
            }), Refusal: 422),
        ]),
        [$"POST /{P}/me/send_verification_email"] = new(IsolationAuth.PlacewiseMember, []),
        [$"POST /{P}/me/send_verification_sms"] = new(IsolationAuth.PlacewiseMember, []),
        [$"POST /{P}/me/verify_email"] = new(IsolationAuth.PlacewiseMember, []),
        [$"POST /{P}/me/verify_msisdn"] = new(IsolationAuth.PlacewiseMember, []),
    };

    private static IsolationTarget Target(string name, Func<SeededClub?, SeededClub, (Dictionary<string, string>, JsonObject?)> build, bool MayAct = false,
        int? Refusal = null) => new(name, build, MayAct, Refusal);

    private static JsonObject DeviceBody() => new() { ["device_token"] = $"walk-device-{Guid.NewGuid():N}", ["device_info"] = new JsonObject { ["platform"] = "ios" } };

    private static IsolationTarget AppToken() =>
        Target("device token of B's member", (b, _) => (new(), new JsonObject
        {
            ["token"] = b?.DeviceToken ?? $"no-such-device-{Guid.NewGuid():N}", ["platform"] = "ios", ["app_installation_id"] = b is null ? "walk-install-random" : "walk-install-b",
        }), MayAct: true);

    private static IsolationTarget MemberId(JsonObject? body = null) =>
        Target("member id", (b, _) => (new() { ["id"] = b?.MemberId.ToString(CultureInfo.InvariantCulture) ?? "987654321" }, body?.DeepClone().AsObject()));

    private static IsolationTarget Membership() =>
        Target("membership id", (b, _) => (new() { ["membershipId"] = b?.MembershipId ?? "NoSuchMembershipAnywhr" }, null));

    private static IsolationTarget Message() =>
        Target("message id", (b, _) => (new() { ["message_id"] = b?.MessageId ?? $"message-none-{Guid.NewGuid():N}" }, new JsonObject()));

    private static IsolationTarget Email(bool mayAct = false) =>
        Target("e-mail of B's member", (b, _) => (new(), new JsonObject { ["email"] = b?.MemberEmail ?? $"nobody-{Guid.NewGuid():N}@example.no" }), mayAct);

    private static IsolationTarget Msisdn(bool mayAct = false) =>
        Target("msisdn of B's member", (b, _) => (new(), new JsonObject { ["msisdn"] = b?.MemberMsisdn ?? "4799000001" }), mayAct);
}
