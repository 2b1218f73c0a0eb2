using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Features.Clubs;

public class ClubService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<LoyaltyClub> CreateAsync(string slug, string name, string defaultLanguage = "en", string timeZone = "UTC", CancellationToken ct = default)
    {
        Check("slug", ClubRules.SlugError(slug));
        Check("name", ClubRules.NameError(name));
        Check("default-language", ClubRules.LanguageError(defaultLanguage));
        Check("time-zone", ClubRules.TimeZoneError(timeZone));

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Clubs.AnyAsync(c => c.Slug == slug, ct))
        {
            throw new PortalValidationException("slug", $"A club with slug '{slug}' already exists.");
        }
        var club = new LoyaltyClub
        {
            Slug = slug,
            Name = name.Trim(),
            DefaultLanguage = defaultLanguage,
            TimeZone = timeZone,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Clubs.Add(club);
        db.MemberProperties.AddRange(Schema.BuiltInProperties.For(club));
        await db.SaveChangesAsync(ct);
        return club;
    }

    public async Task<ClubSummary?> FindAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Clubs.AsNoTracking().Where(c => c.Slug == slug)
            .Select(c => new ClubSummary(c.Id, c.Slug, c.Name, c.DefaultLanguage, c.TimeZone)).SingleOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<ClubSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Clubs.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new ClubSummary(c.Id, c.Slug, c.Name, c.DefaultLanguage, c.TimeZone))
            .ToListAsync(ct);
    }

    private static void Check(string field, string? error)
    {
        if (error is not null)
        {
            throw new PortalValidationException(field, error);
        }
    }
}
