using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Users;
using Portal.Tests.Web;

namespace Portal.Tests.Access;

/// <summary>Makes users of each role in the factory's club and their principals as the sign-in cookie would carry them.</summary>
public static class AccessTestUsers
{
    public static async Task<PortalUser> CreateAsync(PortalWebFactory factory, string email, string role, params string[] clubs)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserAccountService>()
            .CreateAsync(email, PortalWebFactory.Password, role, clubs.Length == 0 ? ["test-mall"] : clubs, Actor.System);
    }

    public static async Task<PortalUser> FindAsync(PortalWebFactory factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"No user {email}.");
    }

    public static async Task<ClaimsPrincipal> PrincipalAsync(PortalWebFactory factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(user);
    }

    public static async Task<int> ClubIdAsync(PortalWebFactory factory, string slug = "test-mall")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Clubs.Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync();
    }

    public static async Task<List<AuditRecord>> AuditAsync(PortalWebFactory factory, string action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.AuditRecords.AsNoTracking().Where(r => r.Action == action).OrderBy(r => r.Id).ToListAsync();
    }
}
