using Microsoft.AspNetCore.Identity;
using Portal.Data.Entities;

namespace Portal.Features.Account;

/// <summary>Identity asks this before every sign-in: a disabled account cannot sign in, whatever its password.</summary>
public sealed class PortalUserConfirmation : IUserConfirmation<PortalUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<PortalUser> manager, PortalUser user) => Task.FromResult(user.DisabledAt is null);
}
