using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.ApiKeys;
using Portal.Features.Account;
using Portal.Features.Audit;
using Portal.Tests.Access;
using Portal.Tests.Placewise;
using Portal.Tests.Web;

namespace Portal.Tests.Audit;

public class AuditLogTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    [Fact]
    public async Task SignInsSucceededAndFailedAreRecordedWithoutThePassword()
    {
        using var browser = factory.CreateBrowserlessClient();
        await HtmlForm.SignInAsync(browser, PortalWebFactory.ViewerEmail, "NotThePassword1");
        await HtmlForm.SignInAsync(browser, "nobody@example.com", "NotThePassword1");
        await HtmlForm.SignInAsync(browser, PortalWebFactory.ViewerEmail, PortalWebFactory.Password);

        var viewer = await AccessTestUsers.FindAsync(factory, PortalWebFactory.ViewerEmail);
        var failed = await AccessTestUsers.AuditAsync(factory, AuditActions.SignInFailed);
        Assert.Contains(failed, r => r.ActorType == "admin" && r.ActorId == viewer.Id);
        Assert.Contains(failed, r => r.ActorType == "anonymous" && r.ActorName == "nobody@example.com");
        Assert.Contains(await AccessTestUsers.AuditAsync(factory, AuditActions.SignedIn), r => r.ActorId == viewer.Id);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.False(await db.AuditRecords.AnyAsync(r => r.Details!.Contains("NotThePassword1") || r.ActorName!.Contains("NotThePassword1")));
    }

    [Fact]
    public async Task KeysCreatedAndRevokedAreRecordedAndLastUseIsKept()
    {
        var key = await PlacewiseApi.CreateKeyAsync(factory);
        ApiKeyService.ApiKeyInfo info;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            info = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().FindActiveAsync(key))!;
        }
        Assert.Contains(await AccessTestUsers.AuditAsync(factory, AuditActions.ApiKeyCreated), r => r.Target == $"api_key:{info.Id}");
        Assert.DoesNotContain(await AccessTestUsers.AuditAsync(factory, AuditActions.ApiKeyCreated), r => r.Details!.Contains(key));

        var before = DateTime.UtcNow.AddSeconds(-1);
        using var client = factory.CreateBrowserlessClient();
        var api = new PlacewiseApi(client, key);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, "/v3/test-mall/schema")).StatusCode);
        await factory.Services.GetRequiredService<ApiKeyUsage>().FlushAsync();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
            var listed = (await keys.ListAsync("test-mall")).Single(k => k.Id == info.Id);
            Assert.True(listed.LastUsedAt >= before, $"last used {listed.LastUsedAt:O}");
            await keys.RevokeAsync("test-mall", info.Id, Actor.Admin("someone", "admin@example.com", "10.0.0.7", [PortalRoles.Admin], [info.ClubId]));
        }
        var revoked = Assert.Single(await AccessTestUsers.AuditAsync(factory, AuditActions.ApiKeyRevoked), r => r.Target == $"api_key:{info.Id}");
        Assert.Equal("10.0.0.7", revoked.RemoteIp);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(HttpMethod.Get, "/v3/test-mall/schema")).StatusCode);
    }

    [Fact]
    public async Task RetentionDeletesOnlyRecordsPastTheirTime()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.AuditRecords.AddRange(
            new AuditRecord { At = DateTime.UtcNow.AddDays(-500), ActorType = "system", Action = "test.ancient" },
            new AuditRecord { At = DateTime.UtcNow.AddDays(-10), ActorType = "system", Action = "test.recent" });
        await db.SaveChangesAsync();

        var purged = await scope.ServiceProvider.GetRequiredService<AuditLog>().PurgeAsync(TimeSpan.FromDays(400));

        Assert.True(purged >= 1);
        Assert.False(await db.AuditRecords.AnyAsync(r => r.Action == "test.ancient"));
        Assert.True(await db.AuditRecords.AnyAsync(r => r.Action == "test.recent"));
    }

    [Fact]
    public async Task TheLogIsSearchedByEventFamilyActorAndClubNewestFirst()
    {
        var clubId = await AccessTestUsers.ClubIdAsync(factory);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Portal.Features.Clubs.ClubService>().CreateAsync("audit-other-mall", "Audit Other Mall", Actor.System);
        }
        var otherClubId = await AccessTestUsers.ClubIdAsync(factory, "audit-other-mall");
        var log = factory.Services.GetRequiredService<AuditLog>();
        var alice = Actor.User("alice-id", "alice@example.com", "192.0.2.1");
        await log.RecordAsync(AuditActions.MemberCreated, alice, clubId, "member:1");
        await log.RecordAsync(AuditActions.MemberDeleted, alice, clubId, "member:1");
        await log.RecordAsync(AuditActions.MemberCreated, alice, otherClubId, "member:2"); // another club's event

        var (page, total) = await log.SearchAsync(new AuditLog.AuditFilter(clubId, Action: "member", Actor: "alice@"), 0, 10);

        Assert.Equal(2, total);
        Assert.Equal([AuditActions.MemberDeleted, AuditActions.MemberCreated], page.Select(e => e.Action));
        Assert.All(page, e => Assert.Equal("192.0.2.1", e.RemoteIp));
        var (byIp, _) = await log.SearchAsync(new AuditLog.AuditFilter(clubId, Actor: "192.0.2.1"), 0, 10);
        Assert.Equal(2, byIp.Count);
    }
}
