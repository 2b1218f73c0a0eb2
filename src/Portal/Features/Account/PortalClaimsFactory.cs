using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Data.Entities;

namespace Portal.Features.Account;

/// <summary>Adds to the sign-in cookie whether the user still has to set up the authenticator an admin requires.</summary>
public sealed class PortalClaimsFactory(UserManager<PortalUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(users, roles, options)
{
    public const string MustSetUpTwoFactor = "portal:must_set_up_two_factor";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.TwoFactorRequired && !user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(MustSetUpTwoFactor, "true"));
        }
        return identity;
    }
}
