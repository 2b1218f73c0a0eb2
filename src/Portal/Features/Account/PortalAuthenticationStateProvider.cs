using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Features.Account;

/// <summary>
/// Re-checks an open Blazor session against the database every few seconds. When an admin disables the
/// user, resets their password or changes their role or clubs (all of which renew the security stamp),
/// the session ends: the page sends the user to sign in, where the cookie is refused too.
/// Page actions do not wait for this: <see cref="PortalAccess"/> checks the database on every action.
/// </summary>
public sealed class PortalAuthenticationStateProvider(
    ILoggerFactory loggers, IDbContextFactory<PortalDbContext> dbFactory, IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(10);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return false;
        }
        var stamp = user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(u => u.Id == userId && u.SecurityStamp == stamp && u.DisabledAt == null, cancellationToken);
    }
}
