using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Portal.Features.Placewise;

namespace Portal.Tests.Security;

/// <summary>
/// Issue 8's isolation walk: with club A's API key and member token, every API endpoint is called against club B's
/// slug and club B's ids. Each answer is a refusal (401/403/404, or Placewise's 460 for a member token) and equals
/// the answer for an object that does not exist, so nothing says B's object is there; and B's data is untouched.
/// </summary>
public class ClubIsolationTests(SecurityWebFactory factory) : IClassFixture<SecurityWebFactory>
{
    private const string Slug = "loyalty_club_slug";
    private static readonly int[] Refusals = [401, 403, 404, 460];

    private SeededClub A => factory.ClubA;

    private SeededClub B => factory.ClubB;

    [Fact]
    public void EveryApiEndpointHasAnIsolationEntry()
    {
        Assert.Equal(ApiEndpoint.All(factory.Services).Select(e => e.Key).Order(StringComparer.Ordinal),
            IsolationEntries.All.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ClubAsCredentialsGetNoHintOfClubBsObjectsOnAnyEndpoint()
    {
        await AssertClubBIsIntactAsync();
        var failures = new List<string>();
        var probes = 0;

        foreach (var endpoint in ApiEndpoint.All(factory.Services).OrderBy(e => IsolationEntries.All[e.Key].RunLast))
        {
            var entry = IsolationEntries.All[endpoint.Key];
            var hasSlug = endpoint.RouteParameters.Contains(Slug);
            var targets = entry.Targets.Count > 0 ? entry.Targets : [new IsolationTarget("no ids", (_, _) => ([], null))];

            foreach (var target in targets)
            {
                if (hasSlug)
                {
                    // A's credential on B's slug, naming B's objects or A's own: the same answer as a credential that is no one's.
                    foreach (var (side, owner) in new[] { ("B's ids", B), ("A's ids", A) })
                    {
                        var (route, body) = target.Build(owner, A);
                        route[Slug] = B.Slug;
                        probes++;
                        await CompareAsync($"{endpoint.Key} on B's slug with {side} ({target.Name})", endpoint, entry.Auth, route, body,
                            AttackerCredential(entry.Auth), NobodysCredential(entry.Auth), mayAct: false, failures);
                    }
                }
                if (entry.Targets.Count > 0)
                {
                    // A's credential on its own slug, naming B's objects: the same answer as for objects that do not exist.
                    var (route, body) = target.Build(B, A);
                    var (controlRoute, controlBody) = target.Build(null, A);
                    if (hasSlug)
                    {
                        route[Slug] = A.Slug;
                        controlRoute[Slug] = A.Slug;
                    }
                    probes++;
                    await CompareAsync($"{endpoint.Key} on A's slug with B's {target.Name}", endpoint, entry.Auth, route, body,
                        AttackerCredential(entry.Auth), AttackerCredential(entry.Auth), target.MayAct, failures, controlRoute, controlBody, target.Refusal);
                }
                if (entry.Auth is (IsolationAuth.PlacewiseMember or IsolationAuth.PlacewiseClientAndMember) && hasSlug)
                {
                    // B's member token on A's slug: as good as no token.
                    var (route, body) = target.Build(null, A);
                    route[Slug] = A.Slug;
                    probes++;
                    await CompareAsync($"{endpoint.Key} on A's slug with B's member token ({target.Name})", endpoint, entry.Auth, route, body,
                        B.AccessToken, NobodysCredential(entry.Auth), mayAct: false, failures);
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {probes} probes failed:\n" + string.Join("\n", failures));
        Assert.True(probes >= 60, $"only {probes} probes");
        await AssertClubBIsIntactAsync();
    }

    /// <summary>Sends the probe and its control and records what differs, or what a refused probe changed.</summary>
    private async Task CompareAsync(string name, ApiEndpoint endpoint, IsolationAuth auth, Dictionary<string, string> route, JsonObject? body,
        string? probeCredential, string? controlCredential, bool mayAct, List<string> failures,
        Dictionary<string, string>? controlRoute = null, JsonObject? controlBody = null, int? refusal = null)
    {
        var before = DatabaseFingerprint.Take(factory.Database);
        var (status, text) = await SendAsync(endpoint, auth, probeCredential, route, body);
        var changed = DatabaseFingerprint.Changed(before, DatabaseFingerprint.Take(factory.Database));
        var (controlStatus, controlText) = await SendAsync(endpoint, auth, controlCredential, controlRoute ?? route, controlBody ?? body?.DeepClone().AsObject());

        if (status >= 500 || (!mayAct && !Refusals.Contains(status) && status != refusal))
        {
            failures.Add($"{name}: answered {status} {ApiErrorFormatCheck.Shorten(text)}");
        }
        else if (status != controlStatus || (status >= 400 && Normalize(text) != Normalize(controlText)))
        {
            failures.Add($"{name}: answered {status} {ApiErrorFormatCheck.Shorten(text)} but for nothing {controlStatus} {ApiErrorFormatCheck.Shorten(controlText)}");
        }
        else if (status >= 400 && changed.Count > 0)
        {
            failures.Add($"{name}: refused with {status} but changed {string.Join("; ", changed)}");
        }
    }

    private async Task<(int Status, string Body)> SendAsync(ApiEndpoint endpoint, IsolationAuth auth, string? credential, Dictionary<string, string> route, JsonObject? body)
    {
        var values = new Dictionary<string, string>(route);
        values.Remove(IsolationEntries.QueryKey, out var query);
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path(values) + (query is null ? "" : "?" + query));
        switch (auth)
        {
            case IsolationAuth.PlacewiseClient:
                request.Headers.Add("X-Client-Authorization", credential);
                break;
            case IsolationAuth.PlacewiseClientAndMember:
                // Club A's app, whose client token is good: only the member token varies.
                request.Headers.Add("X-Client-Authorization", A.ApiKey);
                request.Headers.Authorization = new("Bearer", credential);
                break;
            case IsolationAuth.PlacewiseMember:
            case IsolationAuth.MasivoBearer:
                request.Headers.Authorization = new("Bearer", credential);
                break;
            case IsolationAuth.MasivoKey:
            case IsolationAuth.Centrapay:
                request.Headers.Add("x-api-key", credential);
                break;
        }
        if (auth is IsolationAuth.PlacewiseClient or IsolationAuth.PlacewiseMember or IsolationAuth.PlacewiseClientAndMember)
        {
            request.Headers.Add("X-Product-Name", "mall-app");
            request.Headers.Add("X-User-Agent", "MallApp/5.2 (iOS 18)");
        }
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        using var response = await factory.CreateBrowserlessClient().SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private string? AttackerCredential(IsolationAuth auth) => auth switch
    {
        IsolationAuth.PlacewiseMember or IsolationAuth.PlacewiseClientAndMember => A.AccessToken,
        IsolationAuth.None => null,
        _ => A.ApiKey,
    };

    private static string? NobodysCredential(IsolationAuth auth) => auth switch
    {
        IsolationAuth.PlacewiseMember or IsolationAuth.PlacewiseClientAndMember => "no-such-member-token",
        IsolationAuth.None => null,
        _ => "pk_NoSuchKey_NoSuchSecretAtAll",
    };

    // ProblemDetails carry a per-request trace id; everything else must match to the byte.
    private static string Normalize(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject json)
            {
                json.Remove("traceId");
                return json.ToJsonString();
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return body;
    }

    /// <summary>B's member, token, membership and device are there and unchanged, seen through B's own credentials.</summary>
    private async Task AssertClubBIsIntactAsync()
    {
        var client = factory.CreateBrowserlessClient();
        using var me = new HttpRequestMessage(HttpMethod.Get, $"/v3/{B.Slug}/members/me");
        me.Headers.Authorization = new("Bearer", B.AccessToken);
        me.Headers.Add("X-Product-Name", "mall-app");
        me.Headers.Add("X-User-Agent", "MallApp/5.2 (iOS 18)");
        var meResponse = await client.SendAsync(me);
        Assert.Equal(HttpStatusCode.OK, meResponse.StatusCode);
        Assert.Equal("Member B", JsonNode.Parse(await meResponse.Content.ReadAsStringAsync())!["properties"]!["first_name"]!.GetValue<string>());

        using var membership = new HttpRequestMessage(HttpMethod.Get, $"/api/applet-memberships/{B.MembershipId}");
        membership.Headers.Add("x-api-key", B.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(membership)).StatusCode);

        Assert.Equal(1, factory.Database.Scalar(
            $"SELECT COUNT(*) FROM DeviceTokens WHERE ClubId = {B.Id} AND MemberId = {B.MemberId} AND Status = 'active' AND Token = '{B.DeviceToken}'"));
        Assert.Equal(0, factory.Database.Scalar($"SELECT COUNT(*) FROM MemberAccessTokens WHERE MemberId = {B.MemberId} AND RevokedAt IS NOT NULL"));
    }
}
