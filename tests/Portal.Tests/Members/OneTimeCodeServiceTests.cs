using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Members;
using Portal.Tests.Placewise;
using Portal.Features.OneTimeCodes;

namespace Portal.Tests.Members;

/// <summary>The life of a one-time code: the newest one for an address and purpose is the only one that works, and expired ones are deleted.</summary>
public class OneTimeCodeServiceTests(MemberCodesWebFactory factory) : IClassFixture<MemberCodesWebFactory>
{
    [Fact]
    public async Task ANewCodeForTheSameAddressAndPurposeSupersedesTheOlderOpenOne()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var codes = scope.ServiceProvider.GetRequiredService<OneTimeCodeService>();
        var address = MemberAddress.Email("superseded@example.no");

        Assert.Equal(RegistrationCodeOutcome.Sent, await codes.SendRegistrationCodeAsync(factory.ClubId, address));
        Assert.Equal(RegistrationCodeOutcome.Sent, await codes.SendRegistrationCodeAsync(factory.ClubId, address));
        var sent = TestOutbox.Codes(factory.Database, "superseded@example.no", "registration_password");

        Assert.Equal(2, sent.Count);
        Assert.False(await codes.ConsumeAsync(factory.ClubId, OneTimeCodeService.Registration, ["superseded@example.no"], sent[0]));
        Assert.True(await codes.ConsumeAsync(factory.ClubId, OneTimeCodeService.Registration, ["superseded@example.no"], sent[1]));
    }

    [Fact]
    public async Task PurgingDeletesExpiredCodesAndKeepsOpenOnes()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var codes = scope.ServiceProvider.GetRequiredService<OneTimeCodeService>();
        await codes.SendRegistrationCodeAsync(factory.ClubId, MemberAddress.Email("expired@example.no"));
        factory.Clock.Advance(OneTimeCodeService.Lifetime + TimeSpan.FromSeconds(1));
        await codes.SendRegistrationCodeAsync(factory.ClubId, MemberAddress.Email("open@example.no"));

        var purged = await codes.PurgeExpiredAsync();

        Assert.True(purged >= 1);
        Assert.Equal(0, factory.Database.Scalar("SELECT COUNT(*) FROM OneTimeCodes WHERE Destination = 'expired@example.no'"));
        Assert.Equal(1, factory.Database.Scalar("SELECT COUNT(*) FROM OneTimeCodes WHERE Destination = 'open@example.no'"));
    }
}
