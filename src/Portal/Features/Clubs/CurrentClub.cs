using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Clubs;

/// <summary>
/// The club the signed-in user is working in, chosen among the clubs granted to them. Scoped: one per
/// request or Blazor circuit. The choice is stored on the user so it survives sign-out and reloads.
/// </summary>
public class CurrentClub(IDbContextFactory<PortalDbContext> dbFactory, AuthenticationStateProvider authState)
{
    private ClubState? state;

    /// <summary>The clubs granted to the user, by name.</summary>
    public async Task<IReadOnlyList<ClubSummary>> GrantedAsync(CancellationToken ct = default) => (await LoadAsync(ct)).Granted;

    /// <summary>The current club, or null when the user has no club granted.</summary>
    public async Task<ClubSummary?> GetAsync(CancellationToken ct = default) => (await LoadAsync(ct)).Current;

    /// <summary>Makes <paramref name="clubId"/> the user's current club, if it is granted to them.</summary>
    public async Task<bool> SwitchAsync(int clubId, CancellationToken ct = default)
    {
        var loaded = await LoadAsync(ct);
        if (loaded.UserId is null || loaded.Granted.All(c => c.Id != clubId))
        {
            return false;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.Id == loaded.UserId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.CurrentClubId, clubId), ct);
        state = loaded with { Current = loaded.Granted.First(c => c.Id == clubId) };
        return true;
    }

    /// <summary>
    /// The current club of <paramref name="user"/>, for plain HTTP endpoints (downloads) where there is no
    /// Blazor authentication state.
    /// </summary>
    public async Task<ClubSummary?> GetForAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken ct = default) =>
        (state ??= await LoadForAsync(user, ct)).Current;

    private async Task<ClubState> LoadAsync(CancellationToken ct) =>
        state ??= await LoadForAsync((await authState.GetAuthenticationStateAsync()).User, ct);

    private async Task<ClubState> LoadForAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        if (userId is null)
        {
            return new ClubState(null, [], null);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var granted = await db.ClubGrants.AsNoTracking()
            .Where(g => g.UserId == userId)
            .OrderBy(g => g.Club!.Name)
            .Select(g => new ClubSummary(g.Club!.Id, g.Club.Slug, g.Club.Name, g.Club.DefaultLanguage, g.Club.TimeZone))
            .ToListAsync(ct);
        var preferred = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.CurrentClubId).FirstOrDefaultAsync(ct);
        var current = granted.FirstOrDefault(c => c.Id == preferred) ?? granted.FirstOrDefault();
        return new ClubState(userId, granted, current);
    }

    private sealed record ClubState(string? UserId, IReadOnlyList<ClubSummary> Granted, ClubSummary? Current);
}
