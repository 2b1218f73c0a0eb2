using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Features.ApiKeys;
using Portal.Features.Clubs;
using Portal.Features.Members;
using Portal.Tests.Placewise;
using Portal.Tests.Web;

namespace Portal.Tests.Members;

/// <summary>
/// Placewise "Public Info" and "Person ID" through HTTP. Seed 000's navigation (Member → Profile) lists
/// "Show Member Public Info", "Show Member Public Info by MSISDN", "Show Member Public Info by Email",
/// "Show Member Person ID", "Show Member Person ID by MSISDN" and "Show Member Person ID by Email"; its pages lost their
/// bodies, so the fields are the seed member JSON's ("id", "person_id", "properties.first_name", "has_password") and the
/// errors its <c>{"error": ...}</c> shape.
/// </summary>
public class PlacewisePublicInfoApiTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>, IAsyncLifetime
{
    private static readonly string[] PublicInfoPaths = ["{id}/public_info", "by_msisdn/{msisdn}/public_info", "by_email/{email}/public_info"];
    private static readonly string[] PersonIdPaths = ["{id}/person_id", "by_msisdn/{msisdn}/person_id", "by_email/{email}/person_id"];

    private PlacewiseApi api = default!;
    private long olaId;
    private long kariId;
    private long elsewhereId;

    public async Task InitializeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var clubs = scope.ServiceProvider.GetRequiredService<ClubService>();
        var club = (await clubs.FindAsync("test-mall"))!;
        var other = await clubs.FindAsync("public-other") ?? new ClubSummary((await clubs.CreateAsync("public-other", "Other Mall", Actor.System, "en", "UTC")).Id, "public-other", "Other Mall", "en", "UTC");
        olaId = await MemberAsync(scope.ServiceProvider, club.Id, new MemberDraft
        {
            Properties = new JsonObject
            {
                ["email"] = "ola.nordmann@example.no", ["msisdn"] = "4740769126", ["first_name"] = "Ola", ["last_name"] = "Nordmann", ["birthday"] = "1990-10-23",
            },
            Password = "correct horse battery",
        });
        // No password and no first name: signs in with one-time codes only.
        kariId = await MemberAsync(scope.ServiceProvider, club.Id, new MemberDraft { Properties = new JsonObject { ["email"] = "kari@example.no", ["msisdn"] = "4740769127" } });
        elsewhereId = await MemberAsync(scope.ServiceProvider, other.Id, new MemberDraft
        {
            Properties = new JsonObject { ["email"] = "elsewhere@example.no", ["msisdn"] = "4740769128", ["first_name"] = "Elsewhere" },
        });
        api = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory));
    }

    // xunit makes a test class per test while the factory (and its database) is shared: each member is created once.
    private static async Task<long> MemberAsync(IServiceProvider services, int clubId, MemberDraft draft)
    {
        var members = services.GetRequiredService<MemberService>();
        var email = draft.Properties["email"]!.GetValue<string>();
        return await members.FindIdAsync(clubId, MemberIdentifier.Email, email) ?? (await members.CreateAsync(clubId, draft, Actor.System)).Value!.Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Fill(string template, long id, string msisdn, string email) =>
        template.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{msisdn}", Uri.EscapeDataString(msisdn)).Replace("{email}", Uri.EscapeDataString(email));

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(new JsonObject { ["error"] = error }.ToJsonString(), (await PlacewiseApi.JsonAsync(response)).ToJsonString());
    }

    [Fact]
    public async Task PublicInfoByIdMsisdnAndEmailAnswersOnlyThePublicFields()
    {
        // The msisdn as people type it and the e-mail in capitals: both normalise to what is stored.
        foreach (var template in PublicInfoPaths)
        {
            var response = await api.SendAsync(HttpMethod.Get, "/v3/test-mall/members/" + Fill(template, olaId, "+47 407 69 126", "Ola.Nordmann@Example.NO"));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var info = await PlacewiseApi.JsonAsync(response);
            // Seed member JSON: "id": 42, ... "person_id": 99, "has_password": false. Nothing else: no e-mail, msisdn, last name or birthday.
            Assert.Equal(["id", "person_id", "first_name", "has_password"], info.Select(p => p.Key).ToArray());
            Assert.Equal(olaId, info["id"]!.GetValue<long>());
            Assert.Equal(olaId, info["person_id"]!.GetValue<long>());
            Assert.Equal("Ola", info["first_name"]!.GetValue<string>());
            Assert.True(info["has_password"]!.GetValue<bool>());
            Assert.DoesNotContain("Nordmann", info.ToJsonString());
            Assert.DoesNotContain("4740769126", info.ToJsonString());
        }
    }

    [Fact]
    public async Task PublicInfoOfAMemberWithoutPasswordOrFirstNameSaysSo()
    {
        var response = await api.SendAsync(HttpMethod.Get, "/v3/test-mall/members/by_email/kari%40example.no/public_info");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($$"""{"id":{{kariId}},"person_id":{{kariId}},"first_name":null,"has_password":false}""", (await PlacewiseApi.JsonAsync(response)).ToJsonString());
    }

    [Fact]
    public async Task PersonIdByIdMsisdnAndEmailAnswersThePersonIdAlone()
    {
        foreach (var template in PersonIdPaths)
        {
            var response = await api.SendAsync(HttpMethod.Get, "/v3/test-mall/members/" + Fill(template, olaId, "004740769126", " ola.nordmann@example.no "));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // Seed member JSON: "person_id": 99.
            Assert.Equal($$"""{"person_id":{{olaId}}}""", (await PlacewiseApi.JsonAsync(response)).ToJsonString());
        }
    }

    [Fact]
    public async Task UnknownMembersAndMembersOfOtherClubsAre404MemberNotFound()
    {
        foreach (var template in PublicInfoPaths.Concat(PersonIdPaths))
        {
            foreach (var (id, msisdn, email) in new[]
            {
                (987654321L, "4799999999", "nobody@example.no"),
                // The other club's member, through this club's path and key.
                (elsewhereId, "4740769128", "elsewhere@example.no"),
                // Not an e-mail address or msisdn at all: matches nobody rather than something like it.
                (0L, "not-a-number", "not-an-email"),
                // A prefix of a stored value is not a match: lookups are exact.
                (0L, "47407691", "ola.nordmann@example"),
            })
            {
                var path = "/v3/test-mall/members/" + Fill(template, id, msisdn, email);
                await AssertErrorAsync(await api.SendAsync(HttpMethod.Get, path), HttpStatusCode.NotFound, "Member not found");
            }
        }
    }

    [Fact]
    public async Task AnIdThatIsNotANumberIs404InTheSeedsErrorShape()
    {
        var response = await api.SendAsync(HttpMethod.Get, "/v3/test-mall/members/abc/public_info");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull((await PlacewiseApi.JsonAsync(response))["error"]);
    }

    [Fact]
    public async Task MissingOrWrongClientTokenIs401()
    {
        foreach (var template in PublicInfoPaths.Concat(PersonIdPaths))
        {
            var path = "/v3/test-mall/members/" + Fill(template, olaId, "4740769126", "ola.nordmann@example.no");
            await AssertErrorAsync(await api.SendAsync(HttpMethod.Get, path, tweak: r => r.Headers.Remove("X-Client-Authorization")),
                HttpStatusCode.Unauthorized, "Invalid client token");
            await AssertErrorAsync(await new PlacewiseApi(factory.CreateBrowserlessClient(), "pk_NoSuchKey_NoSuchSecretAtAll").SendAsync(HttpMethod.Get, path),
                HttpStatusCode.Unauthorized, "Invalid client token");
        }
    }

    [Fact]
    public async Task AKeyWithoutThePermitIs403NamingIt()
    {
        // Each permit opens its own three endpoints only; Show Member's permit opens neither.
        var showOnly = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory, ApiPermits.MembersShow));
        var publicInfoOnly = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory, ApiPermits.MembersPublicInfo));
        var personIdOnly = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory, ApiPermits.MembersPersonId));

        foreach (var template in PublicInfoPaths)
        {
            var path = "/v3/test-mall/members/" + Fill(template, olaId, "4740769126", "ola.nordmann@example.no");
            foreach (var refused in new[] { showOnly, personIdOnly })
            {
                await AssertErrorAsync(await refused.SendAsync(HttpMethod.Get, path), HttpStatusCode.Forbidden, "Client token lacks the permit BL:Api:Members:PublicInfo:Show");
            }
            Assert.Equal(HttpStatusCode.OK, (await publicInfoOnly.SendAsync(HttpMethod.Get, path)).StatusCode);
        }
        foreach (var template in PersonIdPaths)
        {
            var path = "/v3/test-mall/members/" + Fill(template, olaId, "4740769126", "ola.nordmann@example.no");
            foreach (var refused in new[] { showOnly, publicInfoOnly })
            {
                await AssertErrorAsync(await refused.SendAsync(HttpMethod.Get, path), HttpStatusCode.Forbidden, "Client token lacks the permit BL:Api:Members:PersonId:Show");
            }
            Assert.Equal(HttpStatusCode.OK, (await personIdOnly.SendAsync(HttpMethod.Get, path)).StatusCode);
        }
    }

    [Fact]
    public async Task UnknownClubIs404AndAMissingProductHeaderIs470()
    {
        foreach (var template in PublicInfoPaths.Concat(PersonIdPaths))
        {
            var member = Fill(template, olaId, "4740769126", "ola.nordmann@example.no");
            await AssertErrorAsync(await api.SendAsync(HttpMethod.Get, "/v3/no-such-mall/members/" + member), HttpStatusCode.NotFound, "Loyalty club not found");
            await AssertErrorAsync(await api.SendAsync(HttpMethod.Get, "/v3/test-mall/members/" + member, tweak: r => r.Headers.Remove("X-Product-Name")),
                (HttpStatusCode)470, "Missing header X-Product-Name");
        }
    }
}
