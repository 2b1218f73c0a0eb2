using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Members;
using Portal.Tests.Web;

namespace Portal.Tests.Members;

/// <summary>
/// <see cref="MemberService.FindByEmailMobileOrIdAsync"/> and <see cref="MemberQueryService.FindByCustomerIdAsync"/>
/// on a real SQLite database.
/// </summary>
public class MemberLookupTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>, IAsyncLifetime
{
    // Ids as long as a mobile number, so the id-versus-msisdn precedence can be seen.
    private const long PiaId = 4790012345;
    private const long OlaId = 4711112222;
    private const long StrangerId = 4733334444;
    private int clubId;

    public async Task InitializeAsync()
    {
        clubId = (int)factory.Database.Scalar("SELECT Id FROM LoyaltyClubs WHERE Slug = 'test-mall'");
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        // xunit makes a class instance per test; the members are created once per factory.
        if (await db.Members.AnyAsync())
        {
            return;
        }
        var otherClub = new LoyaltyClub { Slug = "lookup-other-mall", Name = "Other Mall" };
        db.Add(otherClub);
        await db.SaveChangesAsync();
        db.Members.AddRange(
            new Member { Id = PiaId, ClubId = clubId, Email = "pia@example.no", Msisdn = "4791234567", ExternalCustomerId = "crm-pia" },
            // Ola's mobile number and external customer id are Pia's id: typed in, they must find Ola.
            new Member { Id = OlaId, ClubId = clubId, Email = "ola@example.no", Msisdn = PiaId.ToString(), ExternalCustomerId = PiaId.ToString() },
            new Member { Id = StrangerId, ClubId = otherClub.Id, Email = "stranger@example.no", Msisdn = "4798765432", ExternalCustomerId = "crm-stranger" });
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<long?> FindAsync(string? text)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MemberService>().FindByEmailMobileOrIdAsync(clubId, text);
    }

    [Theory]
    [InlineData("pia@example.no")]
    [InlineData("  PIA@Example.NO ")]
    public async Task FindsByEmailWhateverTheCase(string text) => Assert.Equal(PiaId, await FindAsync(text));

    [Theory]
    [InlineData("4791234567")]
    [InlineData("+47 912 34 567")]
    [InlineData("0047 912-34-567")]
    [InlineData(" +47 (912) 34 567 ")]
    public async Task FindsByMobileNumberWhateverTheFormatting(string text) => Assert.Equal(PiaId, await FindAsync(text));

    [Fact]
    public async Task FindsByIdWhenNoMemberHasThatMobileNumber() => Assert.Equal(OlaId, await FindAsync(OlaId.ToString()));

    [Fact]
    public async Task AMobileNumberWinsOverAnIdWithTheSameDigits() => Assert.Equal(OlaId, await FindAsync(PiaId.ToString()));

    [Theory]
    [InlineData("+4711112222")]
    [InlineData(" 4711112222x")]
    public async Task AnIdIsOnlyDigits(string text) => Assert.Null(await FindAsync(text));

    [Theory]
    [InlineData("stranger@example.no")]
    [InlineData("4798765432")]
    [InlineData("4733334444")]
    public async Task MembersOfOtherClubsAreNotFound(string text) => Assert.Null(await FindAsync(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("nobody@example.no")]
    [InlineData("ola")]
    public async Task NothingMatches(string? text) => Assert.Null(await FindAsync(text));

    private async Task<long?> FindCustomerAsync(string? customerId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MemberQueryService>().FindByCustomerIdAsync(clubId, customerId);
    }

    [Fact]
    public async Task FindsACustomerByExternalId() => Assert.Equal(PiaId, await FindCustomerAsync("crm-pia"));

    [Fact]
    public async Task FindsACustomerByMemberIdWhenNoExternalIdMatches() => Assert.Equal(OlaId, await FindCustomerAsync(OlaId.ToString()));

    [Fact]
    public async Task AnExternalIdWinsOverAMemberIdWithTheSameText() => Assert.Equal(OlaId, await FindCustomerAsync(PiaId.ToString()));

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    [InlineData("crm-stranger")]
    [InlineData("4733334444")]
    [InlineData("crm-nobody")]
    public async Task NoCustomerMatches(string? customerId) => Assert.Null(await FindCustomerAsync(customerId));
}
