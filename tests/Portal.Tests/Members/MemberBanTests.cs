using Microsoft.Extensions.Time.Testing;
using Portal.Features.Members;

namespace Portal.Tests.Members;

public class MemberBanTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(Now));

    [Fact]
    public void ABanUntilTheFutureIsInForce() => Assert.True(MemberBan.IsInForce(Now.AddSeconds(1), clock));

    [Fact]
    public void ABanThatEndedIsNotInForce() => Assert.False(MemberBan.IsInForce(Now.AddDays(-1), clock));

    [Fact]
    public void NoBanIsNotInForce() => Assert.False(MemberBan.IsInForce(null, clock));

    [Fact]
    public void ABanEndingExactlyNowIsOver() => Assert.False(MemberBan.IsInForce(Now, clock));

    [Fact]
    public void FollowsTheInjectedClock()
    {
        var until = Now.AddHours(1);
        Assert.True(MemberBan.IsInForce(until, clock));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.False(MemberBan.IsInForce(until, clock));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    public void TheQueryFilterAgreesWithTheRule(int secondsFromNow, bool expected)
    {
        var member = new Portal.Data.Entities.Member { BannedUntil = Now.AddSeconds(secondsFromNow) };
        Assert.Equal(expected, MemberBan.InForceAt(Now).Compile()(member));
        Assert.Equal(expected, MemberBan.IsInForce(member.BannedUntil, Now));
    }
}
