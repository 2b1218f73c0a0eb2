using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.Audit;

namespace Portal.Features.Users;

/// <summary>Creates back-office users with their role and club grants and the user.created record, all or nothing.</summary>
public class UserAccountService(PortalDbContext db, UserManager<PortalUser> users, RoleManager<IdentityRole> roles, AuditLog audit, TimeProvider clock)
{
    /// <summary>
    /// Creates the user. Whether <paramref name="by"/> may is decided by the entry point's use case: an admin's
    /// invitation checks their permission and clubs (<see cref="UserAdministration.InviteAsync"/>); the CLI
    /// operator and first-run set-up may.
    /// </summary>
    public async Task<PortalUser> CreateAsync(string email, string password, string role, IReadOnlyCollection<string> clubSlugs, Actor by,
        bool twoFactorRequired = false, CancellationToken ct = default)
    {
        var canonicalRole = PortalRoles.Canonical(role)
            ?? throw new PortalValidationException("role", $"Unknown role '{role}'. Use one of: {string.Join(", ", PortalRoles.All)}.");
        if (string.IsNullOrWhiteSpace(email) || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
        {
            throw new PortalValidationException("email", $"'{email}' is not an e-mail address.");
        }

        var slugs = clubSlugs.Distinct(StringComparer.Ordinal).ToList();
        var clubs = await db.Clubs.Where(c => slugs.Contains(c.Slug)).ToListAsync(ct);
        var unknown = slugs.Except(clubs.Select(c => c.Slug)).ToList();
        if (unknown.Count > 0)
        {
            throw new PortalValidationException("club", $"No club with slug {string.Join(", ", unknown.Select(s => $"'{s}'"))}.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await EnsureRolesAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var user = new PortalUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            CreatedAt = now,
            CurrentClubId = clubs.FirstOrDefault()?.Id,
            TwoFactorRequired = twoFactorRequired,
        };
        ThrowOnFailure(await users.CreateAsync(user, password));
        ThrowOnFailure(await users.AddToRoleAsync(user, canonicalRole));
        db.ClubGrants.AddRange(clubs.Select(c => new ClubGrant { UserId = user.Id, ClubId = c.Id, GrantedAt = now }));
        audit.Add(db, AuditActions.UserCreated, by, target: $"user:{user.Id}",
            details: $"email={user.Email}; role={canonicalRole}; clubs={string.Join(",", clubs.Select(c => c.Slug))}; two_factor_required={twoFactorRequired}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return user;
    }

    /// <summary>Creates the Admin, Marketer and Viewer roles that do not exist yet.</summary>
    public async Task EnsureRolesAsync()
    {
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                ThrowOnFailure(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
    }

    private static void ThrowOnFailure(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }
        var first = result.Errors.First();
        var field = first.Code switch
        {
            var c when c.StartsWith("Password", StringComparison.Ordinal) => "password",
            var c when c.Contains("Email", StringComparison.Ordinal) || c.Contains("UserName", StringComparison.Ordinal) => "email",
            _ => "user",
        };
        throw new PortalValidationException(field, string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
