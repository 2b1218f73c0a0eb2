using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Data.Entities;
using Portal.Features.ApiKeys;

namespace Portal.Tests.ApiKeys;

public class ApiKeyCacheTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private ApiKeyCache NewCache() => new(clock, Options.Create(new PortalOptions { ApiKeyCacheLifetime = TimeSpan.FromSeconds(10) }));

    [Fact]
    public void RememberReturnsTheEntryThatFindThenAnswersUntilItsLifetimeEnds()
    {
        var cache = NewCache();
        var key = new ApiKey { Name = "Mall app", Prefix = "pfx", SecretHash = "hash" };

        var remembered = cache.Remember("pfx", key, "test-mall", cache.Generation);

        Assert.Same(remembered, cache.Find("pfx"));
        Assert.Equal((key, "test-mall", clock.GetUtcNow() + TimeSpan.FromSeconds(10)), (remembered.Key, remembered.ClubSlug, remembered.Until));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(cache.Find("pfx"));
    }

    [Fact]
    public void ARowReadBeforeARevokeIsReturnedToItsReaderButNotKept()
    {
        var cache = NewCache();
        var readAt = cache.Generation;
        cache.Forget("pfx");

        var remembered = cache.Remember("pfx", new ApiKey { Name = "Mall app", Prefix = "pfx", SecretHash = "hash" }, "test-mall", readAt);

        Assert.Equal("test-mall", remembered.ClubSlug);
        Assert.Null(cache.Find("pfx"));
    }
}
