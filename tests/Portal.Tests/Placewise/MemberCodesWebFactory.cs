using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Features.Members;
using Portal.Tests.Web;
using Portal.Features.MemberTokens;

namespace Portal.Tests.Placewise;

/// <summary>
/// The app on a fake clock, with the code senders' per-address limit out of the way (every test request comes from
/// the same address): for the password and verification tests, which send many codes and make them expire.
/// </summary>
public sealed class MemberCodesWebFactory : FakeClockWebFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("RateLimits:CodeSendsPerIpPerMinute", "100000"),
    ];

    public int ClubId => (int)Database.Scalar("SELECT Id FROM LoyaltyClubs WHERE Slug = 'test-mall'");

    /// <summary>A member created through Create Member, as an app would.</summary>
    public static async Task<long> CreateMemberAsync(PlacewiseApi api, string email, string? msisdn, string? password)
    {
        var properties = new JsonObject { ["email"] = email, ["first_name"] = "Kari" };
        if (msisdn is not null)
        {
            properties["msisdn"] = msisdn;
        }
        var body = new JsonObject { ["properties"] = properties, ["send_sms_welcome_message"] = false, ["send_email_welcome_message"] = false };
        if (password is not null)
        {
            body["password"] = password;
        }
        var response = await api.CreateMemberAsync(body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await PlacewiseApi.JsonAsync(response))["id"]!.GetValue<long>();
    }

    /// <summary>A member with no password (as after a social login), and an access token for them.</summary>
    public async Task<(long Id, string AccessToken)> CreateMemberWithoutPasswordAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var member = (await scope.ServiceProvider.GetRequiredService<MemberService>().CreateAsync(ClubId,
            new MemberDraft { Properties = new JsonObject { ["email"] = email, ["first_name"] = "Social" } }, Actor.System)).Value!;
        var tokens = await scope.ServiceProvider.GetRequiredService<MemberTokenService>().IssueAsync(member.Id, null);
        return (member.Id, tokens.AccessToken);
    }

    /// <summary>Create Token with the password grant; the answer as it came.</summary>
    public static Task<HttpResponseMessage> SignInAsync(PlacewiseApi api, string identifierType, string identifier, string password) =>
        api.SendAsync(HttpMethod.Post, "/v3/test-mall/members/oauth/token", new JsonObject
        {
            ["grant_type"] = "password", ["identifier_type"] = identifierType, ["identifier"] = identifier, ["password"] = password,
        }.ToJsonString());

    public static async Task<string> AccessTokenAsync(PlacewiseApi api, string email, string password)
    {
        var response = await SignInAsync(api, "email", email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await PlacewiseApi.JsonAsync(response))["access_token"]!.GetValue<string>();
    }

    /// <summary>A call with the member token in <c>Authorization: Bearer</c>, as Placewise's member endpoints take it.</summary>
    public static Task<HttpResponseMessage> AsMemberAsync(PlacewiseApi api, string accessToken, HttpMethod method, string path, string? json = null) =>
        api.SendAsync(method, path, json, r => r.Headers.Authorization = new("Bearer", accessToken));

    public int AuditCount(string action, long memberId) =>
        (int)Database.Scalar($"SELECT COUNT(*) FROM AuditRecords WHERE Action = '{action}' AND Target = 'member:{memberId}'");
}
