using Microsoft.Extensions.DependencyInjection;
using Portal.Features.ApiKeys;
using Portal.Features.Audit;
using Portal.Features.Clubs;
using Portal.Features.Schema;
using Portal.Tests.Web;

namespace Portal.Tests.Clubs;

/// <summary>The reads behind List Loyalty Clubs and Show Legal Information, and the consent kinds they rely on, on SQLite.</summary>
public class LoyaltyClubQueryServiceTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    [Fact]
    public async Task AKeySeesItsOwnClubOnlyAndARevokedKeyNone()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        var queries = scope.ServiceProvider.GetRequiredService<LoyaltyClubQueryService>();
        var clubs = scope.ServiceProvider.GetRequiredService<ClubService>();
        if (await clubs.FindAsync("query-other") is null)
        {
            await clubs.CreateAsync("query-other", "Another Mall", Actor.System, "en", "UTC");
        }
        var key = (await keys.CreateAsync("test-mall", "List key", null, null, Actor.System)).Value!;

        Assert.Equal(["test-mall"], (await queries.ListVisibleToApiKeyAsync(key.Info.Id)).Select(c => c.Slug));

        await keys.RevokeAsync("test-mall", key.Info.Id, Actor.System);
        Assert.Empty(await queries.ListVisibleToApiKeyAsync(key.Info.Id));
    }

    [Fact]
    public async Task AConsentOfAnUnknownKindIsRefusedAndNothingIsSaved()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var clubId = (int)factory.Database.Scalar("SELECT Id FROM LoyaltyClubs WHERE Slug = 'test-mall'");

        var refusal = await Assert.ThrowsAsync<PortalValidationException>(() =>
            scope.ServiceProvider.GetRequiredService<ClubSchemaService>().SaveConsentAsync(clubId, "odd_kind", "Odd", "", true, Actor.System, "contract"));

        Assert.Equal("kind", refusal.Field);
        Assert.Equal(0, factory.Database.Scalar("SELECT COUNT(*) FROM ConsentDefinitions WHERE Key = 'odd_kind'"));
    }
}
