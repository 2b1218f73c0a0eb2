using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Audit;
using Portal.Features.Members;

namespace Portal.Features.Account;

/// <summary>
/// The server-side check before every page action. It reads the user's roles, club grants and state from
/// the database, not from the sign-in cookie, so a role change, a removed grant or a disabled account takes
/// effect on the very next action, even in a browser tab opened before the change. Refusals are audited.
/// </summary>
public class PortalAccess(
    AuthenticationStateProvider authState,
    IDbContextFactory<PortalDbContext> dbFactory,
    IOptions<IdentityOptions> identity,
    ClientAddress address,
    AuditLog audit)
{
    /// <summary>The user as the author of a change in <paramref name="clubId"/>, or null (and an audit record) when not allowed.</summary>
    public async Task<ConsentActor?> RequireAsync(PortalPermission permission, int? clubId) =>
        await RequireAsync((await authState.GetAuthenticationStateAsync()).User, permission, clubId);

    /// <summary>As above, for plain HTTP endpoints that have the request's user rather than a circuit.</summary>
    public async Task<ConsentActor?> RequireAsync(ClaimsPrincipal user, PortalPermission permission, int? clubId)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
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
                Granted = clubId == null || db.ClubGrants.Any(g => g.UserId == u.Id && g.ClubId == clubId),
            })
            .SingleOrDefaultAsync();

        var allowed = current is not null
            && current.DisabledAt is null
            && current.SecurityStamp == stamp
            && current.Granted
            && PortalPermissions.Allows(current.Roles, permission);
        if (!allowed)
        {
            await audit.RecordAsync(AuditActions.AccessDenied, ActorFor(user), clubId, details: $"permission={permission}");
            return null;
        }
        return ConsentActor.Admin(userId, current!.Email ?? user.Identity?.Name ?? "") with { RemoteIp = address.Current };
    }

    /// <summary>Records a completed change by the signed-in user.</summary>
    public async Task RecordAsync(string action, int? clubId, string? target = null, string? details = null) =>
        await audit.RecordAsync(action, ActorFor((await authState.GetAuthenticationStateAsync()).User), clubId, target, details);

    /// <summary>As above, for plain HTTP endpoints.</summary>
    public Task RecordAsync(ClaimsPrincipal user, string action, int? clubId, string? target = null, string? details = null) =>
        audit.RecordAsync(action, ActorFor(user), clubId, target, details);

    public AuditActor ActorFor(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            ? AuditActor.Admin(id, user.Identity?.Name, address.Current)
            : AuditActor.Anonymous(null, address.Current);
}
