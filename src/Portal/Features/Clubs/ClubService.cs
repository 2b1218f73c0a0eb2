using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Audit;
using Portal.Features.Schema;

namespace Portal.Features.Clubs;

public class ClubService(IDbContextFactory<PortalDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    /// <summary>
    /// Creates a club with the built-in member properties, recorded as <c>club.created</c> in the same transaction. Only
    /// the operator (<c>clubs create</c>) and the app's own set-up create clubs: no page does, so no role holds a
    /// permission for it and there is none to check here.
    /// </summary>
    public async Task<LoyaltyClub> CreateAsync(string slug, string name, Actor actor, string defaultLanguage = "en", string timeZone = "UTC", CancellationToken ct = default)
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
        // The record names the club's id, known only once the club is saved: both saves in one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
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
        audit.Add(db, AuditActions.ClubCreated, actor, club.Id, $"club:{club.Id}", $"slug={club.Slug}; language={club.DefaultLanguage}; time_zone={club.TimeZone}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
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
