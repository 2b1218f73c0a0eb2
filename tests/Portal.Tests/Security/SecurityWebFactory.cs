using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.ApiKeys;
using Portal.Features.Applets;
using Portal.Features.Clubs;
using Portal.Features.Devices;
using Portal.Features.Members;
using Portal.Features.Users;
using Portal.Tests.Web;
using Portal.Features.MemberTokens;

namespace Portal.Tests.Security;

/// <summary>
/// The app with two clubs that each hold a full set of objects (<see cref="ClubA"/> is the base factory's
/// <c>test-mall</c>, <see cref="ClubB"/> is <c>other-mall</c>), and rate limits out of the way: the corpus and
/// the walk send thousands of requests with one key.
/// </summary>
public class SecurityWebFactory : PortalWebFactory, IAsyncLifetime
{
    public const string ClubAAdminEmail = "admin-a@example.com";

    public SeededClub ClubA { get; private set; } = default!;

    public SeededClub ClubB { get; private set; } = default!;

    /// <summary>A second member of club A, with its own access token, that tests may change or delete.</summary>
    public (long Id, string AccessToken, string AccountId) SpareMemberA { get; private set; }

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("RateLimits:ApiPerMemberTokenPerMinute", "1000000"),
        new("RateLimits:ApiPerClientAddressPerMinute", "1000000"),
        new("RateLimits:ApiPerAddressPerMinute", "1000000"),
        new("RateLimits:CodeSendsPerIpPerMinute", "1000000"),
        new("RateLimits:SignInPerIpPerMinute", "1000000"),
    ];

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ClubService>().CreateAsync("other-mall", "Other Mall", Actor.System, "en", "UTC");
        await scope.ServiceProvider.GetRequiredService<UserAccountService>().CreateAsync(ClubAAdminEmail, Password, "Admin", ["test-mall"], Actor.System);
        ClubA = await SeedAsync(scope.ServiceProvider, "test-mall", "a");
        ClubB = await SeedAsync(scope.ServiceProvider, "other-mall", "b");
        var spare = (await scope.ServiceProvider.GetRequiredService<MemberService>().CreateAsync(ClubA.Id,
            new MemberDraft { Properties = new JsonObject { ["email"] = "spare-a@example.no", ["first_name"] = "Spare" }, Password = SeededClub.MemberPassword }, Actor.Import)).Value!;
        var spareToken = await scope.ServiceProvider.GetRequiredService<MemberTokenService>().IssueAsync(spare.Id, null);
        SpareMemberA = (spare.Id, spareToken.AccessToken, spare.AccountId);
    }

    /// <summary>A member with a password, tokens, a device, an applet membership and a push message, and the club's API keys.</summary>
    private static async Task<SeededClub> SeedAsync(IServiceProvider services, string slug, string tag)
    {
        var club = (await services.GetRequiredService<ClubService>().FindAsync(slug))!;
        var keys = services.GetRequiredService<ApiKeyService>();
        var key = (await keys.CreateAsync(slug, $"All permits {tag}", null, null, Actor.System)).Value!;
        var members = services.GetRequiredService<MemberService>();
        var email = $"member-{tag}@example.no";
        var msisdn = tag == "a" ? "4791000001" : "4792000002";
        var member = (await members.CreateAsync(club.Id, new MemberDraft
        {
            Properties = new JsonObject { ["email"] = email, ["msisdn"] = msisdn, ["first_name"] = $"Member {tag.ToUpperInvariant()}", ["last_name"] = "Seeded" },
            Password = SeededClub.MemberPassword,
            ExternalCustomerId = $"ext-{tag}-1",
        }, Actor.Import)).Value!;
        var accountKey = (await keys.CreateAsync(slug, $"Account {tag}", ApiPermits.AppletMemberships, member.AccountId, Actor.System)).Value!;
        var tokens = await services.GetRequiredService<MemberTokenService>().IssueAsync(member.Id, key.Info.Id);

        var applet = (await services.GetRequiredService<AppletService>().CreateAsync(club.Id, new AppletInput($"Cafe {tag}", null, null, null, false, []), Actor.System)).Value!;
        var (_, membership) = await services.GetRequiredService<AppletMembershipService>().JoinAsync(club.Id, applet.Id, member.AccountId, "crn::user:seed", Actor.System);
        var deviceToken = $"device-token-{tag}";
        await services.GetRequiredService<DeviceTokenService>().RegisterAsync(club.Id, member.Id, new DeviceRegistration(deviceToken, "ios", $"install-{tag}", null));

        var db = services.GetRequiredService<PortalDbContext>();
        var messageId = $"message-{tag}-{Guid.NewGuid():N}"[..ColumnLengths.PublicId];
        db.PushSends.Add(new PushSend
        {
            ClubId = club.Id, MessageId = messageId, ContentJson = """{"Title":"Hello","Body":"Seeded"}""", Title = "Hello",
            TargetDescription = "seed", CreatedBy = "seed", CreatedAt = DateTime.UtcNow,
            Deliveries = [new PushDelivery { MemberId = member.Id, Token = deviceToken, Success = true, SentAt = DateTime.UtcNow }],
        });
        await db.SaveChangesAsync();
        // A second membership, so the account's list has a second page and a page key to try on another account.
        var bakery = (await services.GetRequiredService<AppletService>().CreateAsync(club.Id, new AppletInput($"Bakery {tag}", null, null, null, false, []), Actor.System)).Value!;
        await services.GetRequiredService<AppletMembershipService>().JoinAsync(club.Id, bakery.Id, member.AccountId, "crn::user:seed", Actor.System);
        var pageKey = (await services.GetRequiredService<AppletMembershipService>().ListForAccountAsync(club.Id, member.AccountId, null, 1))!.Value.NextPageKey!;

        return new SeededClub(club.Id, slug, key.Key, accountKey.Key, member.Id, email, msisdn, $"ext-{tag}-1", member.AccountId,
            tokens.AccessToken, tokens.RefreshToken, applet.Id, membership!.Id, pageKey, deviceToken, messageId);
    }
}

/// <summary>One club's objects, as <see cref="SecurityWebFactory"/> seeded them.</summary>
public sealed record SeededClub(
    int Id, string Slug, string ApiKey, string AccountApiKey, long MemberId, string MemberEmail, string MemberMsisdn, string ExternalCustomerId,
    string AccountId, string AccessToken, string RefreshToken, string AppletId, string MembershipId, string MembershipPageKey, string DeviceToken,
    string MessageId)
{
    public const string MemberPassword = "Seeded-Passw0rd";
}
