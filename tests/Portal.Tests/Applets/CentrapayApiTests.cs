using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.ApiKeys;
using Portal.Features.Applets;
using Portal.Features.Members;
using Portal.Tests.Placewise;
using Portal.Tests.Web;

namespace Portal.Tests.Applets;

/// <summary>Centrapay applet memberships (seed document 003) over HTTP.</summary>
public class CentrapayApiTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    private static readonly string[] SeedFields =
        ["id", "accountId", "appletId", "name", "mediaUploadId", "img", "appletAccountId", "createdAt", "createdBy", "test", "extensions"];

    private int ClubId(string slug = "test-mall") => (int)factory.Database.Scalar($"SELECT Id FROM LoyaltyClubs WHERE Slug = '{slug}'");

    private async Task<(long MemberId, string AccountId)> MemberAsync(string email, bool testAccount = false, string club = "test-mall")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var member = await scope.ServiceProvider.GetRequiredService<MemberService>()
            .CreateAsync(ClubId(club), new MemberDraft { Properties = new JsonObject { ["email"] = email } }, Actor.Import);
        if (testAccount)
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await db.Members.Where(m => m.Id == member.Value!.Id).ExecuteUpdateAsync(m => m.SetProperty(x => x.TestAccount, true));
        }
        return (member.Value!.Id, member.Value!.AccountId);
    }

    private async Task<string> AppletAsync(string name, bool test = false, string club = "test-mall")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var applet = await scope.ServiceProvider.GetRequiredService<AppletService>().CreateAsync(ClubId(club), new AppletInput(
            name, "https://media-upload.centrapay.com/image.png?jhbdsfau67ewejshb=487hsdjhbdgs743", "8aoMfscvtuewsuJzmzBzAs", "Jaim1Cu1Q55uooxSens6yk", test,
            [AppletExtensions.Loyalty("L001", "service.payap.com/api/loyaltyPrograms/L001/promotions",
                "service.payap.com/api/loyaltyPrograms/L001/promotionMemberships", "service.payap.com/api/loyaltyPrograms/L001")]), Actor.System);
        return applet.Value!.Id;
    }

    private async Task<string> KeyAsync(string? account = null, string club = "test-mall", string? permits = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(club, "Café app", permits, account, Actor.System)).Value!.Key;
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        return factory.CreateBrowserlessClient().SendAsync(request);
    }

    [Fact]
    public async Task AnAccountKeyCreatesTheSeedsMembershipShapeWithNoBody()
    {
        var (_, account) = await MemberAsync("cafe@example.no");
        var applet = await AppletAsync("Centrapay Cafe");
        var key = await KeyAsync(account);
        var keyId = factory.Database.Scalar("SELECT MAX(Id) FROM ApiKeys");

        var response = await SendAsync(HttpMethod.Post, $"/api/applets/{applet}/applet-memberships", key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var membership = await PlacewiseApi.JsonAsync(response);
        Assert.Equal(SeedFields, membership.Select(p => p.Key).ToArray());
        Assert.Equal(account, membership["accountId"]!.GetValue<string>());
        Assert.Equal(applet, membership["appletId"]!.GetValue<string>());
        Assert.Equal("Centrapay Cafe", membership["name"]!.GetValue<string>());
        Assert.Equal("8aoMfscvtuewsuJzmzBzAs", membership["mediaUploadId"]!.GetValue<string>());
        Assert.Equal("Jaim1Cu1Q55uooxSens6yk", membership["appletAccountId"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", membership["createdAt"]!.GetValue<string>());
        Assert.Equal($"crn::api-key:{keyId}", membership["createdBy"]!.GetValue<string>());
        Assert.Matches("^[1-9A-HJ-NP-Za-km-z]{22}$", membership["id"]!.GetValue<string>());
        var extension = membership["extensions"]![0]!;
        Assert.Equal("loyalty", extension["type"]!.GetValue<string>());
        Assert.Equal("L001", extension["loyaltyProgramId"]!.GetValue<string>());
        Assert.Equal("service.payap.com/api/loyaltyPrograms/L001", extension["getLoyaltyProgramUrl"]!.GetValue<string>());

        var again = await PlacewiseApi.JsonAsync(await SendAsync(HttpMethod.Post, $"/api/applets/{applet}/applet-memberships", key));
        Assert.Equal(membership["id"]!.GetValue<string>(), again["id"]!.GetValue<string>());
        Assert.Equal(1, factory.Database.Scalar($"SELECT COUNT(*) FROM AppletMemberships WHERE AccountId = '{account}'"));
    }

    [Fact]
    public async Task AClubKeyNamesTheAccountAndTheAppletIsReadFresh()
    {
        var (_, account) = await MemberAsync("clubkey@example.no");
        var applet = await AppletAsync("Old name");
        var key = await KeyAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Post, $"/api/applets/{applet}/applet-memberships", key)).StatusCode);
        var created = await PlacewiseApi.JsonAsync(await SendAsync(HttpMethod.Post, $"/api/applets/{applet}/applet-memberships", key, $$"""{"accountId":"{{account}}"}"""));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppletService>().UpdateAsync(ClubId(), applet,
                new AppletInput("New name", null, null, null, false, []), Actor.System);
        }

        var shown = await PlacewiseApi.JsonAsync(await SendAsync(HttpMethod.Get, $"/api/applet-memberships/{created["id"]}", key));

        Assert.Equal("New name", shown["name"]!.GetValue<string>());
        Assert.Equal("[]", shown["extensions"]!.ToJsonString());
    }

    [Fact]
    public async Task ListingTwentyFiveHundredMembershipsWalksTwentyFivePagesWithoutDuplicatesOrGaps()
    {
        var (memberId, account) = await MemberAsync("collector@example.no");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // Data builder: 2,500 applets the account has joined, created at the same instant in batches of 500,
            // so the order must fall back on the id.
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var at = DateTime.UtcNow;
            for (var batch = 0; batch < 5; batch++)
            {
                for (var i = 0; i < 500; i++)
                {
                    var applet = new Applet { ClubId = ClubId(), Name = $"Applet {batch * 500 + i}", AppletAccountId = PublicIds.New(), CreatedAt = at, UpdatedAt = at };
                    db.Applets.Add(applet);
                    db.AppletMemberships.Add(new AppletMembership
                    {
                        ClubId = ClubId(), AppletId = applet.Id, MemberId = memberId, AccountId = account, CreatedAt = at.AddSeconds(batch), CreatedBy = "crn::user:test",
                    });
                }
                await db.SaveChangesAsync();
            }
        }
        var key = await KeyAsync();
        var seen = new List<string>();
        string? pageKey = null;
        var pages = 0;
        do
        {
            var path = $"/api/accounts/{account}/applet-memberships?paginationLimit=100" + (pageKey is null ? "" : $"&pageKey={Uri.EscapeDataString(pageKey)}");
            var response = await SendAsync(HttpMethod.Get, path, key);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await PlacewiseApi.JsonAsync(response);
            seen.AddRange(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
            pageKey = page["nextPageKey"]?.GetValue<string>();
            pages++;
        }
        while (pageKey is not null && pages < 100);

        Assert.Equal(25, pages);
        Assert.Equal(2500, seen.Count);
        Assert.Equal(2500, seen.Distinct().Count());
        Assert.Equal(2500, factory.Database.Scalar($"SELECT COUNT(*) FROM AppletMemberships WHERE AccountId = '{account}'"));
    }

    [Fact]
    public async Task DefaultAndMaximumPageSizesAndBadParametersAre400()
    {
        var (_, account) = await MemberAsync("limits@example.no");
        var key = await KeyAsync();
        var applet = await AppletAsync("Limits");
        await SendAsync(HttpMethod.Post, $"/api/applets/{applet}/applet-memberships", key, $$"""{"accountId":"{{account}}"}""");

        var single = await PlacewiseApi.JsonAsync(await SendAsync(HttpMethod.Get, $"/api/accounts/{account}/applet-memberships", key));
        Assert.Single(single["items"]!.AsArray());
        Assert.False(single.ContainsKey("nextPageKey"));

        foreach (var query in new[] { "paginationLimit=101", "paginationLimit=0", "paginationLimit=ten", "pageKey=abc", "pageKey=" + Uri.EscapeDataString("CfDJ8tampered") })
        {
            var response = await SendAsync(HttpMethod.Get, $"/api/accounts/{account}/applet-memberships?{query}", key);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query} answered {(int)response.StatusCode}");
            var error = await PlacewiseApi.JsonAsync(response);
            Assert.Equal(400, error["statusCode"]!.GetValue<int>());
            Assert.Equal("Bad Request", error["error"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task APageKeyOfOneAccountDoesNotContinueAnother()
    {
        var (firstMember, first) = await MemberAsync("first-pager@example.no");
        var (_, second) = await MemberAsync("second-pager@example.no");
        var key = await KeyAsync();
        foreach (var name in new[] { "A", "B" })
        {
            var applet = await AppletAsync($"Pager {name}");
            await SendAsync(HttpMethod.Post, $"/api/applets/{applet}/applet-memberships", key, $$"""{"accountId":"{{first}}"}""");
        }
        var page = await PlacewiseApi.JsonAsync(await SendAsync(HttpMethod.Get, $"/api/accounts/{first}/applet-memberships?paginationLimit=1", key));
        var next = page["nextPageKey"]!.GetValue<string>();

        var response = await SendAsync(HttpMethod.Get, $"/api/accounts/{second}/applet-memberships?pageKey={Uri.EscapeDataString(next)}", key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        _ = firstMember;
    }

    [Fact]
    public async Task ArchivedAppletsAndTestAppletsForLiveAccountsRefuseToJoin()
    {
        var (_, live) = await MemberAsync("live@example.no");
        var (_, tester) = await MemberAsync("tester@example.no", testAccount: true);
        var key = await KeyAsync();
        var testApplet = await AppletAsync("Test applet", test: true);
        var archived = await AppletAsync("Archived applet");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppletService>().SetArchivedAsync(ClubId(), archived, true, Actor.System);
        }

        var liveJoinsTest = await SendAsync(HttpMethod.Post, $"/api/applets/{testApplet}/applet-memberships", key, $$"""{"accountId":"{{live}}"}""");
        var joinsArchived = await SendAsync(HttpMethod.Post, $"/api/applets/{archived}/applet-memberships", key, $$"""{"accountId":"{{tester}}"}""");
        var testerJoinsTest = await SendAsync(HttpMethod.Post, $"/api/applets/{testApplet}/applet-memberships", key, $$"""{"accountId":"{{tester}}"}""");

        Assert.Equal(HttpStatusCode.Forbidden, liveJoinsTest.StatusCode);
        Assert.Equal("""{"statusCode":403,"error":"Forbidden","message":"LOYALTY_PROGRAM_JOIN_CONDITIONS_NOT_MET"}""", await liveJoinsTest.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, joinsArchived.StatusCode);
        Assert.Equal(HttpStatusCode.OK, testerJoinsTest.StatusCode);
        Assert.True((await PlacewiseApi.JsonAsync(testerJoinsTest))["test"]!.GetValue<bool>());
    }

    [Fact]
    public async Task KeysAreCheckedAndOtherClubsAndAccountsAreInvisible()
    {
        var (_, mine) = await MemberAsync("mine@example.no");
        var (_, other) = await MemberAsync("other-account@example.no");
        var applet = await AppletAsync("Isolation");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Portal.Features.Clubs.ClubService>().CreateAsync("far-mall", "Far Mall", Actor.System);
        }
        var (_, foreignAccount) = await MemberAsync("foreign@example.no", club: "far-mall");
        var foreignApplet = await AppletAsync("Far applet", club: "far-mall");
        var accountKey = await KeyAsync(mine);
        var clubKey = await KeyAsync();
        var foreignKey = await KeyAsync(club: "far-mall");
        var noPermit = await KeyAsync(permits: "BL:Api:Members:Create");

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Post, $"/api/applets/{applet}/applet-memberships", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Post, $"/api/applets/{applet}/applet-memberships", "pk_wrong_key")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Get, $"/api/accounts/{mine}/applet-memberships", noPermit)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, "/api/applets/NoSuchApplet/applet-memberships", accountKey)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, $"/api/applets/{foreignApplet}/applet-memberships", accountKey)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, $"/api/applets/{applet}/applet-memberships", foreignKey, $$"""{"accountId":"{{mine}}"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/accounts/{foreignAccount}/applet-memberships", clubKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Get, $"/api/accounts/{other}/applet-memberships", accountKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, $"/api/applets/{applet}/applet-memberships", accountKey, $$"""{"accountId":"{{other}}"}""")).StatusCode);

        var created = await PlacewiseApi.JsonAsync(await SendAsync(HttpMethod.Post, $"/api/applets/{applet}/applet-memberships", clubKey, $$"""{"accountId":"{{other}}"}"""));
        var id = created["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/applet-memberships/{id}", foreignKey)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, $"/api/applet-memberships/{id}", accountKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Delete, $"/api/applet-memberships/{id}", clubKey)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/applet-memberships/{id}", clubKey)).StatusCode);
    }
}
