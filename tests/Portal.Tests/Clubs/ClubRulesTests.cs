using Portal.Features.Clubs;

namespace Portal.Tests.Clubs;

public class ClubRulesTests
{
    [Theory]
    [InlineData("infinity-mall")]
    [InlineData("mall2")]
    [InlineData("ab")]
    public void AcceptsUrlFriendlySlugs(string slug) => Assert.Null(ClubRules.SlugError(slug));

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("Infinity-Mall")]
    [InlineData("-mall")]
    [InlineData("mall-")]
    [InlineData("mall mall")]
    [InlineData("mall_2")]
    [InlineData("møll")]
    public void RejectsOtherSlugs(string slug) => Assert.NotNull(ClubRules.SlugError(slug));

    [Fact]
    public void RejectsOverlongSlugs() => Assert.NotNull(ClubRules.SlugError(new string('a', 64)));

    [Theory]
    [InlineData("no")]
    [InlineData("en")]
    [InlineData("sv")]
    public void AcceptsIsoLanguageCodes(string language) => Assert.Null(ClubRules.LanguageError(language));

    [Theory]
    [InlineData("NO")]
    [InlineData("nor")]
    [InlineData("xx")]
    [InlineData("")]
    public void RejectsOtherLanguages(string language) => Assert.NotNull(ClubRules.LanguageError(language));

    [Theory]
    [InlineData("Europe/Oslo", true)]
    [InlineData("UTC", true)]
    [InlineData("Mars/Olympus", false)]
    public void KnowsIanaTimeZones(string zone, bool valid) => Assert.Equal(valid, ClubRules.TimeZoneError(zone) is null);

    [Fact]
    public void ShowsTimesInTheClubsZone() =>
        Assert.Equal("2026-07-01 14:00", ClubTime.Format(new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Utc), "Europe/Oslo"));
}
