using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.Audit;

namespace Portal.Features.Users;

public sealed record UserRow(
    string Id, string Email, string Role, IReadOnlyList<ClubChoice> Clubs, bool TwoFactorEnabled, bool TwoFactorRequired,
    DateTime? DisabledAt, DateTimeOffset? LockedOutUntil, DateTime CreatedAt);

public sealed record ClubChoice(int Id, string Name);

/// <summary>What an admin may set on a user. Clubs are only those the admin manages; grants to other clubs are kept.</summary>
public sealed record UserAccess(string Role, IReadOnlyCollection<int> ClubIds, bool TwoFactorRequired);

/// <summary>
/// The Users page's rules. An admin manages the users who share a club with them (and users with no club
/// yet), can grant only their own clubs, and cannot lock themselves out. Every change renews the user's
/// security stamp, which ends their open sessions on the next request so the change takes effect at once.
/// </summary>
/// <remarks>
/// Identity's <see cref="UserManager{TUser}"/> works on the scoped <see cref="PortalDbContext"/>, not on a context
/// from the factory. So each operation opens its own scope and ends it before returning: a page (a circuit) can hold
/// this service and still holds no context, nor users it tracked, between clicks.
/// </remarks>
public class UserAdministration(IServiceScopeFactory scopes, AuditLog audit, TimeProvider clock)
{
    // One operation's scoped Identity services.
    private sealed record Identity(PortalDbContext Db, UserManager<PortalUser> Users, UserAccountService Accounts);

    private async Task<T> InOwnScopeAsync<T>(Func<Identity, Task<T>> operation)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        return await operation(new Identity(services.GetRequiredService<PortalDbContext>(), services.GetRequiredService<UserManager<PortalUser>>(),
            services.GetRequiredService<UserAccountService>()));
    }

    public Task<IReadOnlyList<ClubChoice>> ManagedClubsAsync(string adminId, CancellationToken ct = default) =>
        InOwnScopeAsync(identity => ManagedClubsAsync(identity.Db, adminId, ct));

    private static async Task<IReadOnlyList<ClubChoice>> ManagedClubsAsync(PortalDbContext db, string adminId, CancellationToken ct) =>
        await db.ClubGrants.AsNoTracking().Where(g => g.UserId == adminId).OrderBy(g => g.Club!.Name)
            .Select(g => new ClubChoice(g.ClubId, g.Club!.Name)).ToListAsync(ct);

    public Task<IReadOnlyList<UserRow>> ListAsync(string adminId, CancellationToken ct = default) =>
        InOwnScopeAsync(identity => ListAsync(identity.Db, adminId, ct));

    private async Task<IReadOnlyList<UserRow>> ListAsync(PortalDbContext db, string adminId, CancellationToken ct)
    {
        var managed = (await ManagedClubsAsync(db, adminId, ct)).Select(c => c.Id).ToList();
        var rows = await db.Users.AsNoTracking()
            .Where(u => !db.ClubGrants.Any(g => g.UserId == u.Id) || db.ClubGrants.Any(g => g.UserId == u.Id && managed.Contains(g.ClubId)))
            .OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Id, u.Email, u.TwoFactorEnabled, u.TwoFactorRequired, u.DisabledAt, u.LockoutEnd, u.CreatedAt,
                Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
                Clubs = db.ClubGrants.Where(g => g.UserId == u.Id && managed.Contains(g.ClubId)).OrderBy(g => g.Club!.Name)
                    .Select(g => new ClubChoice(g.ClubId, g.Club!.Name)).ToList(),
            })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return rows.Select(u => new UserRow(u.Id, u.Email ?? "", u.Role ?? "", u.Clubs, u.TwoFactorEnabled, u.TwoFactorRequired, u.DisabledAt,
            u.LockoutEnd > now ? u.LockoutEnd : null, u.CreatedAt)).ToList();
    }

    /// <summary>Creates a user with a temporary password, returned once for the admin to pass on.</summary>
    public async Task<Outcome<string>> InviteAsync(Actor by, string email, UserAccess access, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(by, PortalPermission.ManageUsers, null))
        {
            return Outcome<string>.RefusedFor(PortalPermission.ManageUsers);
        }
        return await InOwnScopeAsync(async identity =>
        {
            var clubs = await CheckClubsAsync(identity.Db, by.Id!, access.ClubIds, ct);
            var password = TemporaryPassword.New();
            await identity.Accounts.CreateAsync(email, password, access.Role, clubs.Select(c => c.Slug).ToList(), by, access.TwoFactorRequired, ct);
            return new Outcome<string>(password);
        });
    }

    public async Task<Outcome<bool>> UpdateAccessAsync(Actor by, string userId, UserAccess access, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(by, PortalPermission.ManageUsers, null))
        {
            return Outcome<bool>.RefusedFor(PortalPermission.ManageUsers);
        }
        return await InOwnScopeAsync(identity => UpdateAccessAsync(identity, by, userId, access, ct));
    }

    private async Task<Outcome<bool>> UpdateAccessAsync(Identity identity, Actor by, string userId, UserAccess access, CancellationToken ct)
    {
        var (db, users, _) = identity;
        var adminId = by.Id!;
        var role = PortalRoles.Canonical(access.Role) ?? throw new PortalValidationException("role", "Choose a role.");
        var clubs = await CheckClubsAsync(db, adminId, access.ClubIds, ct);
        var user = await FindManagedAsync(db, adminId, userId, ct);
        if (userId == adminId && role != PortalRoles.Admin)
        {
            throw new PortalValidationException("role", "You cannot take the Admin role from yourself; ask another admin.");
        }
        var managed = (await ManagedClubsAsync(db, adminId, ct)).Select(c => c.Id).ToHashSet();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var currentRoles = await users.GetRolesAsync(user);
        if (!currentRoles.SequenceEqual([role]))
        {
            ThrowOnFailure(await users.RemoveFromRolesAsync(user, currentRoles));
            ThrowOnFailure(await users.AddToRoleAsync(user, role));
        }
        var grants = await db.ClubGrants.Where(g => g.UserId == userId).ToListAsync(ct);
        db.ClubGrants.RemoveRange(grants.Where(g => managed.Contains(g.ClubId) && !access.ClubIds.Contains(g.ClubId)));
        var now = clock.GetUtcNow().UtcDateTime;
        db.ClubGrants.AddRange(access.ClubIds.Where(id => grants.All(g => g.ClubId != id))
            .Select(id => new ClubGrant { UserId = userId, ClubId = id, GrantedAt = now }));
        user.TwoFactorRequired = access.TwoFactorRequired;
        ThrowOnFailure(await users.UpdateAsync(user));
        if (userId != adminId)
        {
            // Ends the user's open sessions: they sign in again and get the new role and clubs. An admin editing
            // themself keeps their session; their page actions are checked against the database anyway.
            ThrowOnFailure(await users.UpdateSecurityStampAsync(user));
        }
        audit.Add(db, AuditActions.UserChanged, by, target: $"user:{userId}",
            details: $"role={role}; clubs={string.Join(",", clubs.Select(c => c.Slug))}; two_factor_required={access.TwoFactorRequired}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<Outcome<bool>> SetDisabledAsync(Actor by, string userId, bool disabled, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(by, PortalPermission.ManageUsers, null))
        {
            return Outcome<bool>.RefusedFor(PortalPermission.ManageUsers);
        }
        if (userId == by.Id && disabled)
        {
            throw new PortalValidationException("user", "You cannot disable your own account.");
        }
        return await InOwnScopeAsync(identity => SetDisabledAsync(identity, by, userId, disabled, ct));
    }

    private async Task<Outcome<bool>> SetDisabledAsync(Identity identity, Actor by, string userId, bool disabled, CancellationToken ct)
    {
        var (db, users, _) = identity;
        var user = await FindManagedAsync(db, by.Id!, userId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        user.DisabledAt = disabled ? user.DisabledAt ?? clock.GetUtcNow().UtcDateTime : null;
        ThrowOnFailure(await users.UpdateAsync(user));
        // A new stamp ends the sessions the user has open now.
        ThrowOnFailure(await users.UpdateSecurityStampAsync(user));
        audit.Add(db, disabled ? AuditActions.UserDisabled : AuditActions.UserEnabled, by, target: $"user:{userId}", details: $"email={user.Email}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Sets a new temporary password (returned once), clears a lockout and signs the user out everywhere.</summary>
    public async Task<Outcome<string>> ResetPasswordAsync(Actor by, string userId, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(by, PortalPermission.ManageUsers, null))
        {
            return Outcome<string>.RefusedFor(PortalPermission.ManageUsers);
        }
        return await InOwnScopeAsync(identity => ResetPasswordAsync(identity, by, userId, ct));
    }

    private async Task<Outcome<string>> ResetPasswordAsync(Identity identity, Actor by, string userId, CancellationToken ct)
    {
        var (db, users, _) = identity;
        var user = await FindManagedAsync(db, by.Id!, userId, ct);
        var password = TemporaryPassword.New();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        ThrowOnFailure(await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password));
        ThrowOnFailure(await users.SetLockoutEndDateAsync(user, null));
        ThrowOnFailure(await users.ResetAccessFailedCountAsync(user));
        audit.Add(db, AuditActions.UserPasswordReset, by, target: $"user:{userId}", details: $"email={user.Email}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return password;
    }

    /// <summary>Turns two-factor sign-in off and forgets the authenticator key, for a user who lost their phone.</summary>
    public async Task<Outcome<bool>> ResetTwoFactorAsync(Actor by, string userId, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(by, PortalPermission.ManageUsers, null))
        {
            return Outcome<bool>.RefusedFor(PortalPermission.ManageUsers);
        }
        return await InOwnScopeAsync(identity => ResetTwoFactorAsync(identity, by, userId, ct));
    }

    private async Task<Outcome<bool>> ResetTwoFactorAsync(Identity identity, Actor by, string userId, CancellationToken ct)
    {
        var (db, users, _) = identity;
        var user = await FindManagedAsync(db, by.Id!, userId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        ThrowOnFailure(await users.SetTwoFactorEnabledAsync(user, false));
        ThrowOnFailure(await users.ResetAuthenticatorKeyAsync(user));
        audit.Add(db, AuditActions.UserTwoFactorReset, by, target: $"user:{userId}", details: $"email={user.Email}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private static async Task<PortalUser> FindManagedAsync(PortalDbContext db, string adminId, string userId, CancellationToken ct)
    {
        var managed = (await ManagedClubsAsync(db, adminId, ct)).Select(c => c.Id).ToList();
        // A user of another admin's clubs answers like a missing one.
        return await db.Users.Where(u => u.Id == userId)
                   .Where(u => !db.ClubGrants.Any(g => g.UserId == u.Id) || db.ClubGrants.Any(g => g.UserId == u.Id && managed.Contains(g.ClubId)))
                   .SingleOrDefaultAsync(ct)
               ?? throw new PortalValidationException("user", "No such user.");
    }

    private static async Task<List<LoyaltyClub>> CheckClubsAsync(PortalDbContext db, string adminId, IReadOnlyCollection<int> clubIds, CancellationToken ct)
    {
        var managed = (await ManagedClubsAsync(db, adminId, ct)).Select(c => c.Id).ToHashSet();
        if (clubIds.Count == 0)
        {
            throw new PortalValidationException("clubs", "Grant at least one club.");
        }
        if (!clubIds.All(managed.Contains))
        {
            throw new PortalValidationException("clubs", "You can only grant clubs you manage.");
        }
        return await db.Clubs.AsNoTracking().Where(c => clubIds.Contains(c.Id)).ToListAsync(ct);
    }

    private static void ThrowOnFailure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new PortalValidationException("user", string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
