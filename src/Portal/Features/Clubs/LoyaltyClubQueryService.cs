using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Clubs;

/// <summary>What the Placewise "Loyalty Club" pages read: the clubs an API key sees and a club's legal texts.</summary>
public class LoyaltyClubQueryService(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>
    /// List Loyalty Clubs: the clubs an API key can see. A key belongs to exactly one club, so this is that club
    /// (nothing for a revoked or unknown key); other clubs on the same server stay unnamed.
    /// </summary>
    public async Task<IReadOnlyList<ClubSummary>> ListVisibleToApiKeyAsync(int apiKeyId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiKeys.AsNoTracking().Where(k => k.Id == apiKeyId && k.RevokedAt == null)
            .Select(k => k.Club!)
            .OrderBy(c => c.Name)
            .Select(c => new ClubSummary(c.Id, c.Slug, c.Name, c.DefaultLanguage, c.TimeZone))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Show Legal Information: the current version of every consent and terms text the club asks members for
    /// (active definitions only; retired ones are kept as proof but no longer shown), in the order they were defined.
    /// </summary>
    public async Task<IReadOnlyList<LegalText>> LegalInformationAsync(int clubId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ConsentDefinitions.AsNoTracking().Where(c => c.ClubId == clubId && c.Active)
            .OrderBy(c => c.Id)
            .Select(c => new LegalText(c.Kind, c.Key, c.Title, c.Description, c.Version, c.VersionedAt))
            .ToListAsync(ct);
    }
}
