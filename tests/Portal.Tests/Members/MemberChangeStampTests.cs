using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Features.Audit;
using Portal.Features.Members;
using Portal.Tests.Web;
using Portal.Features.MemberPasswords;

namespace Portal.Tests.Members;

/// <summary>Every change to a member stamps it the same way (<see cref="Member.MarkChanged"/>), whichever use case makes it.</summary>
public class MemberChangeStampTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    [Fact]
    public void MarkChangedSetsTheTimeAndRaisesTheVersion()
    {
        var member = new Member { UpdatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        var now = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

        member.MarkChanged(now);

        Assert.Equal((now, 2), (member.UpdatedAt, member.Version));
    }

    [Fact]
    public async Task APasswordChangeRaisesTheVersionSoAnEditBasedOnTheOldOneIsAConflict()
    {
        var clubId = (int)factory.Database.Scalar("SELECT Id FROM LoyaltyClubs WHERE Slug = 'test-mall'");
        await using var scope = factory.Services.CreateAsyncScope();
        var members = scope.ServiceProvider.GetRequiredService<MemberService>();
        var member = (await members.CreateAsync(clubId, new MemberDraft { Properties = new JsonObject { ["email"] = "stamped@example.no", ["first_name"] = "Stamp" } }, Actor.System)).Value!;

        var changed = await scope.ServiceProvider.GetRequiredService<MemberPasswordService>()
            .ChangeAsync(clubId, member.Id, keepTokenId: null, currentPassword: null, newPassword: "new-password-1", Actor.Member(member.Id, clubId, null, null));

        Assert.Equal(MemberPasswordOutcome.Changed, changed);
        Assert.Equal(member.Version + 1, factory.Database.Scalar($"SELECT Version FROM Members WHERE Id = {member.Id}"));
        await Assert.ThrowsAsync<MemberConflictException>(() => members.UpdateAsync(clubId, member.Id,
            new MemberChanges { ExpectedVersion = member.Version, TestAccount = true }, Actor.System));
    }
}
