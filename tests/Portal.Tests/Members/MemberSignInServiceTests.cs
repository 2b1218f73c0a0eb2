using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Features.Members;
using Portal.Tests.Web;
using Portal.Features.MemberTokens;

namespace Portal.Tests.Members;

public class MemberSignInServiceTests(FakeClockWebFactory factory) : IClassFixture<FakeClockWebFactory>
{
    private int ClubId => (int)factory.Database.Scalar("SELECT Id FROM LoyaltyClubs WHERE Slug = 'test-mall'");

    private async Task<long> CreateMemberAsync(string email, string msisdn, string password)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var member = await scope.ServiceProvider.GetRequiredService<MemberService>().CreateAsync(ClubId, new MemberDraft
        {
            Properties = new JsonObject { ["first_name"] = "Sign", ["last_name"] = "In", ["email"] = email, ["msisdn"] = msisdn },
            Password = password,
        }, Actor.Import);
        return member.Value!.Id;
    }

    private async Task<MemberSignInResult> SignInAsync(string email, string password)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MemberSignInService>().SignInAsync(ClubId, "email", email, password, apiKeyId: null);
    }

    [Fact]
    public async Task IssuesTokensForTheRightPasswordOnly()
    {
        var id = await CreateMemberAsync("signin@example.no", "4741900001", "right-password-1");

        Assert.Equal(MemberSignInOutcome.BadCredentials, (await SignInAsync("signin@example.no", "wrong-password-1")).Outcome);
        Assert.Equal(MemberSignInOutcome.BadCredentials, (await SignInAsync("nobody@example.no", "right-password-1")).Outcome);
        var issued = await SignInAsync("SIGNIN@example.no", "right-password-1");
        Assert.Equal(MemberSignInOutcome.Issued, issued.Outcome);
        Assert.Equal(id, issued.Tokens!.MemberId);
    }

    [Fact]
    public async Task ABannedMemberGetsNoTokensUntilTheBanEnds()
    {
        var id = await CreateMemberAsync("banned-signin@example.no", "4741900002", "banned-password-1");
        var until = factory.Clock.GetUtcNow().UtcDateTime.AddHours(1);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MemberService>().SetBanAsync(ClubId, id, until, Actor.System);
        }

        var banned = await SignInAsync("banned-signin@example.no", "banned-password-1");
        Assert.Equal(MemberSignInOutcome.Banned, banned.Outcome);
        Assert.Null(banned.Tokens);
        Assert.Equal(until, banned.BannedUntil!.Value, TimeSpan.FromMilliseconds(1));

        factory.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(MemberSignInOutcome.Issued, (await SignInAsync("banned-signin@example.no", "banned-password-1")).Outcome);
    }
}
