using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Clubs;
using Portal.Features.Members;
using Portal.Tests.Web;

namespace Portal.Tests.Security;

/// <summary>
/// The page side of club isolation: an admin granted only club A cannot reach club B's member through the services
/// the member pages use or through the CSV export, even with club B stored as their current club.
/// </summary>
public class PageClubIsolationTests(SecurityWebFactory factory) : IClassFixture<SecurityWebFactory>
{
    private async Task<string> AdminAIdAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Users.Where(u => u.Email == SecurityWebFactory.ClubAAdminEmail).Select(u => u.Id).SingleAsync();
    }

    /// <summary>What a tampered or stale preference would leave: club B stored as the admin's current club.</summary>
    private async Task StoreClubBAsCurrentAsync(string userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.CurrentClubId, factory.ClubB.Id));
    }

    [Fact]
    public async Task TheMemberPagesServicesNeverLoadClubBsMemberForAClubAAdmin()
    {
        var userId = await AdminAIdAsync();
        await StoreClubBAsCurrentAsync(userId);
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var current = new CurrentClub(dbFactory, new SignedIn(userId));

        Assert.Equal([factory.ClubA.Slug], (await current.GrantedAsync()).Select(c => c.Slug));
        Assert.Equal(factory.ClubA.Slug, (await current.GetAsync())!.Slug);
        Assert.False(await new CurrentClub(dbFactory, new SignedIn(userId)).SwitchAsync(factory.ClubB.Id));

        // MemberDetailPage (not prerendered, so not testable over plain HTTP) loads the member, its consent history and its
        // messages with CurrentClub's id and the id in the URL: with B's id it finds nothing, as for an unknown id.
        await using var scope = factory.Services.CreateAsyncScope();
        var members = scope.ServiceProvider.GetRequiredService<MemberService>();
        var club = (await current.GetAsync())!;
        Assert.Null(await members.FindAsync(club.Id, factory.ClubB.MemberId));
        Assert.Empty(await members.ConsentHistoryAsync(club.Id, factory.ClubB.MemberId));
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<Portal.Features.Push.PushService>().HistoryAsync(club.Id, factory.ClubB.MemberId));
        Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<Portal.Features.Push.PushService>().HistoryAsync(factory.ClubB.Id, factory.ClubB.MemberId));
        Assert.NotNull(await members.FindAsync(club.Id, factory.ClubA.MemberId));
    }

    [Fact]
    public async Task TheCsvExportHoldsOnlyTheGrantedClubsMembers()
    {
        var client = factory.CreateBrowserlessClient();
        await HtmlForm.SignInAsync(client, SecurityWebFactory.ClubAAdminEmail, PortalWebFactory.Password);
        await StoreClubBAsCurrentAsync(await AdminAIdAsync());

        var response = await client.GetAsync("/members/export.csv");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith($"attachment; filename=\"{factory.ClubA.Slug}-members-", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Contains(factory.ClubA.MemberEmail, csv);
        Assert.DoesNotContain(factory.ClubB.MemberEmail, csv);
        Assert.DoesNotContain($"\n{factory.ClubB.MemberId},", csv);
    }

    private sealed class SignedIn(string userId) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"))));
    }
}
