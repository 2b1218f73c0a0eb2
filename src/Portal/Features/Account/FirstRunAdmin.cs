using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Users;

namespace Portal.Features.Account;

/// <summary>
/// On a database with no user, creates an Admin with a random password and prints the credentials once
/// to the console (not to the log, which may be shipped elsewhere). There is never a default password.
/// </summary>
public class FirstRunAdmin(PortalDbContext db, UserAccountService accounts, IOptions<PortalOptions> options)
{
    /// <summary>The credentials created, or null when users already exist.</summary>
    public async Task<(string Email, string Password)?> CreateIfNoUsersAsync(TextWriter console, CancellationToken ct = default)
    {
        if (await db.Users.AnyAsync(ct))
        {
            return null;
        }
        var email = options.Value.FirstRunAdminEmail;
        var password = TemporaryPassword.New();
        var allClubs = await db.Clubs.Select(c => c.Slug).ToListAsync(ct);
        await accounts.CreateAsync(email, password, PortalRoles.Admin, allClubs, Audit.Actor.System, ct: ct);

        console.WriteLine();
        console.WriteLine("==================================================================");
        console.WriteLine(" Portal first run: an Admin account was created. Sign in with");
        console.WriteLine($"   Email:    {email}");
        console.WriteLine($"   Password: {password}");
        console.WriteLine(" This password is shown only now. Change it after signing in.");
        console.WriteLine("==================================================================");
        console.WriteLine();
        return (email, password);
    }
}
