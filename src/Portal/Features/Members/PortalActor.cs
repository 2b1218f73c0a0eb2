using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Portal.Features.Account;

namespace Portal.Features.Members;

/// <summary>The signed-in back-office user as the author of a change, checked against a role on the server.</summary>
public static class PortalActor
{
    /// <summary>The user as a consent actor, or null when the user is not in one of <paramref name="roles"/>.</summary>
    public static async Task<ConsentActor?> RequireAsync(AuthenticationStateProvider auth, params string[] roles)
    {
        var user = (await auth.GetAuthenticationStateAsync()).User;
        if (!roles.Any(user.IsInRole))
        {
            return null;
        }
        return ConsentActor.Admin(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", user.Identity?.Name ?? "");
    }

    public static Task<ConsentActor?> RequireAdminAsync(AuthenticationStateProvider auth) => RequireAsync(auth, PortalRoles.Admin);
}
