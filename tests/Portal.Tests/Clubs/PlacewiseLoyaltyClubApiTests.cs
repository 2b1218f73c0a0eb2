using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Features.ApiKeys;
using Portal.Features.Audit;
using Portal.Features.Clubs;
using Portal.Features.Schema;
using Portal.Tests.Placewise;
using Portal.Tests.Web;
using Portal.Features.Members;

namespace Portal.Tests.Clubs;

/// <summary>
/// Placewise "Loyalty Club" pages through HTTP. Seed 000's navigation: "Loyalty Club → Loyalty Clubs → Show Loyalty
/// Club", "List Loyalty Clubs", and "Legal Information → Show Legal Information". The seed keeps no bodies for them,
/// so the answers are Portal's documented snake_case shapes and the errors the seed's <c>{"error": ...}</c>.
/// </summary>
public class PlacewiseLoyaltyClubApiTests(FakeClockWebFactory factory) : IClassFixture<FakeClockWebFactory>, IAsyncLifetime
{
    private static readonly (string Path, string Permit)[] Endpoints =
    [
        ("loyalty_club", ApiPermits.LoyaltyClubsShow),
        ("loyalty_clubs", ApiPermits.LoyaltyClubsList),
        ("legal_information", ApiPermits.LegalInformationShow),
    ];

    private PlacewiseApi api = default!;
    private int clubId;

    public async Task InitializeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var clubs = scope.ServiceProvider.GetRequiredService<ClubService>();
        clubId = (await clubs.FindAsync("test-mall"))!.Id;
        // Another club on the same server, which no answer here may name.
        // (xunit makes a test class per test; the factory, and so the club, is shared by them.)
        if (await clubs.FindAsync("secret-mall") is null)
        {
            await clubs.CreateAsync("secret-mall", "Secret Mall", Actor.System, "en", "UTC");
        }
        api = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(new JsonObject { ["error"] = error }.ToJsonString(), (await PlacewiseApi.JsonAsync(response)).ToJsonString());
    }

    [Fact]
    public async Task ShowLoyaltyClubAnswersTheClubOfThePath()
    {
        var response = await api.SendAsync(HttpMethod.Get, "/v3/test-mall/loyalty_club");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($$"""{"id":{{clubId}},"slug":"test-mall","name":"Test Mall","default_language":"no","time_zone":"Europe/Oslo"}""",
            (await PlacewiseApi.JsonAsync(response)).ToJsonString());
    }

    [Fact]
    public async Task ListLoyaltyClubsAnswersTheOneClubTheKeyBelongsTo()
    {
        var response = await api.SendAsync(HttpMethod.Get, "/v3/test-mall/loyalty_clubs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await PlacewiseApi.JsonAsync(response);
        Assert.Equal(["loyalty_clubs"], body.Select(p => p.Key).ToArray());
        var club = Assert.Single(body["loyalty_clubs"]!.AsArray())!;
        Assert.Equal($$"""{"id":{{clubId}},"slug":"test-mall","name":"Test Mall","default_language":"no","time_zone":"Europe/Oslo"}""", club.ToJsonString());
        Assert.DoesNotContain("secret-mall", body.ToJsonString());
    }

    [Fact]
    public async Task ShowLegalInformationAnswersTheCurrentTextsAndVersionsAdminsWrote()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var schemas = scope.ServiceProvider.GetRequiredService<ClubSchemaService>();
            await schemas.SaveConsentAsync(clubId, "legal_terms", "Membership terms", "Members collect points.", true, Actor.System, ConsentKind.Terms);
            await schemas.SaveConsentAsync(clubId, "legal_news", "Newsletter", "News by e-mail.", true, Actor.System);
            await schemas.SaveConsentAsync(clubId, "legal_retired", "Old offers", "Offers we no longer send.", false, Actor.System);
            factory.Clock.Advance(TimeSpan.FromDays(1));
            await schemas.SaveConsentAsync(clubId, "legal_terms", "Membership terms", "Members collect points and may leave at any time.", true, Actor.System, ConsentKind.Terms);
        }
        var rewritten = PlacewiseMemberJson.Utc(factory.Clock.GetUtcNow().UtcDateTime);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // Switching a text off and on again is not a new version: the date stays the one of the wording.
            factory.Clock.Advance(TimeSpan.FromDays(1));
            var schemas = scope.ServiceProvider.GetRequiredService<ClubSchemaService>();
            await schemas.SaveConsentAsync(clubId, "legal_terms", "Membership terms", "Members collect points and may leave at any time.", false, Actor.System, ConsentKind.Terms);
            await schemas.SaveConsentAsync(clubId, "legal_terms", "Membership terms", "Members collect points and may leave at any time.", true, Actor.System, ConsentKind.Terms);
        }

        var response = await api.SendAsync(HttpMethod.Get, "/v3/test-mall/legal_information");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var legal = await PlacewiseApi.JsonAsync(response);
        Assert.Equal(["terms", "consents"], legal.Select(p => p.Key).ToArray());
        var terms = Assert.Single(legal["terms"]!.AsArray())!;
        Assert.Equal(["key", "title", "text", "version", "updated_at"], terms.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal("legal_terms", terms["key"]!.GetValue<string>());
        Assert.Equal("Members collect points and may leave at any time.", terms["text"]!.GetValue<string>());
        Assert.Equal(2, terms["version"]!.GetValue<int>());
        Assert.Equal(rewritten, terms["updated_at"]!.GetValue<string>());
        // Consents as the member JSON keys them; a retired one is no longer shown.
        var consents = legal["consents"]!.AsArray().Select(c => c!["key"]!.GetValue<string>()).ToList();
        Assert.Contains("legal_news", consents);
        Assert.DoesNotContain("legal_retired", consents);
        var news = legal["consents"]!.AsArray().Single(c => c!["key"]!.GetValue<string>() == "legal_news")!;
        Assert.Equal("Newsletter", news["title"]!.GetValue<string>());
        Assert.Equal("News by e-mail.", news["text"]!.GetValue<string>());
        Assert.Equal(1, news["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task MissingOrWrongClientTokenIs401AndAKeyOfAnotherClubToo()
    {
        var otherClubsKey = await PlacewiseApi.CreateKeyAsync(factory, club: "secret-mall");
        foreach (var (path, _) in Endpoints)
        {
            await AssertErrorAsync(await api.SendAsync(HttpMethod.Get, $"/v3/test-mall/{path}", tweak: r => r.Headers.Remove("X-Client-Authorization")),
                HttpStatusCode.Unauthorized, "Invalid client token");
            await AssertErrorAsync(await new PlacewiseApi(factory.CreateBrowserlessClient(), "pk_NoSuchKey_NoSuchSecretAtAll").SendAsync(HttpMethod.Get, $"/v3/test-mall/{path}"),
                HttpStatusCode.Unauthorized, "Invalid client token");
            // A key lists only its own club, and cannot read another club's page by naming it.
            await AssertErrorAsync(await new PlacewiseApi(factory.CreateBrowserlessClient(), otherClubsKey).SendAsync(HttpMethod.Get, $"/v3/test-mall/{path}"),
                HttpStatusCode.Unauthorized, "Invalid client token");
        }
    }

    [Fact]
    public async Task AKeyWithoutThePermitIs403NamingIt()
    {
        foreach (var (path, permit) in Endpoints)
        {
            var others = string.Join(',', Endpoints.Select(e => e.Permit).Where(p => p != permit).Append(ApiPermits.SchemaShow));
            var without = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory, others));
            var with = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory, permit));

            await AssertErrorAsync(await without.SendAsync(HttpMethod.Get, $"/v3/test-mall/{path}"), HttpStatusCode.Forbidden, $"Client token lacks the permit {permit}");
            Assert.Equal(HttpStatusCode.OK, (await with.SendAsync(HttpMethod.Get, $"/v3/test-mall/{path}")).StatusCode);
        }
    }

    [Fact]
    public async Task UnknownClubIs404AndAMissingProductHeaderIs470()
    {
        foreach (var (path, _) in Endpoints)
        {
            await AssertErrorAsync(await api.SendAsync(HttpMethod.Get, $"/v3/no-such-mall/{path}"), HttpStatusCode.NotFound, "Loyalty club not found");
            await AssertErrorAsync(await api.SendAsync(HttpMethod.Get, $"/v3/test-mall/{path}", tweak: r => r.Headers.Remove("X-Product-Name")),
                (HttpStatusCode)470, "Missing header X-Product-Name");
        }
    }
}
