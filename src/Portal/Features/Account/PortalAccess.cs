using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Audit;

namespace Portal.Features.Account;

/// <summary>
/// The server-side check before every page action. It reads the user's roles, club grants and state from
/// the database, not from the sign-in cookie, so a role change, a removed grant or a disabled account takes
/// effect on the very next action, even in a browser tab opened before the change. Refusals are audited
/// (by the use case that refuses, or here for pages that only show).
/// </summary>
public class PortalAccess(
    AuthenticationStateProvider authState,
    IDbContextFactory<PortalDbContext> dbFactory,
    IOptions<IdentityOptions> identity,
    ClientAddress address,
    AuditLog audit)
{
    /// <summary>
    /// The signed-in user as the actor of a page action, with the roles and club grants read from the database
    /// now. A disabled user, a renewed security stamp (the cookie predates a change) or no user at all gives an
    /// actor without authority, whom every use case refuses.
    /// </summary>
    public async Task<Actor> ActorAsync() => await ActorAsync((await authState.GetAuthenticationStateAsync()).User);

    /// <summary>As above, for plain HTTP endpoints that have the request's user rather than a circuit.</summary>
    public async Task<Actor> ActorAsync(ClaimsPrincipal user)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return Actor.Anonymous(null, address.Current);
        }
        var stamp = user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        await using var db = await dbFactory.CreateDbContextAsync();
        var current = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new
            {
                u.Email,
                u.SecurityStamp,
                u.DisabledAt,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                Clubs = db.ClubGrants.Where(g => g.UserId == u.Id).Select(g => g.ClubId).ToList(),
            })
            .SingleOrDefaultAsync();
        var name = current?.Email ?? user.Identity?.Name;
        return current is not null && current.DisabledAt is null && current.SecurityStamp == stamp
            ? Actor.Admin(userId, name, address.Current, current.Roles, current.Clubs)
            : Actor.User(userId, name, address.Current);
    }

    /// <summary>
    /// The user as the author of a change in <paramref name="clubId"/>, or null (and an access.denied record) when
    /// not allowed. For pages that gate what they show; changes go through a use case that takes the actor.
    /// </summary>
    public async Task<Actor?> RequireAsync(PortalPermission permission, int? clubId) =>
        await RequireAsync((await authState.GetAuthenticationStateAsync()).User, permission, clubId);

    /// <summary>As above, for plain HTTP endpoints.</summary>
    public async Task<Actor?> RequireAsync(ClaimsPrincipal user, PortalPermission permission, int? clubId)
    {
        var actor = await ActorAsync(user);
        return await audit.PermitsAsync(actor, permission, clubId) ? actor : null;
    }

    /// <summary>Records an event of the signed-in user that is no change of data (a refused page).</summary>
    public async Task RecordAsync(string action, int? clubId, string? target = null, string? details = null) =>
        await audit.RecordAsync(action, ActorFor((await authState.GetAuthenticationStateAsync()).User), clubId, target, details);

    /// <summary>As above, for plain HTTP endpoints.</summary>
    public Task RecordAsync(ClaimsPrincipal user, string action, int? clubId, string? target = null, string? details = null) =>
        audit.RecordAsync(action, ActorFor(user), clubId, target, details);

    /// <summary>The user named by a security event (sign-out, password change), without reading the database.</summary>
    public Actor ActorFor(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            ? Actor.User(id, user.Identity?.Name, address.Current)
            : Actor.Anonymous(null, address.Current);
}
