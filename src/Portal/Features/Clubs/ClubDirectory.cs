using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Clubs;

/// <summary>
/// Clubs by slug for the Placewise API, which names the club in every path. A club is read once per
/// <see cref="Lifetime"/> rather than once per request (a tenth of a token registration's CPU went to it, bench/RESULTS.md
/// "Profile (issue 15)"). Portal has no way to change or delete a club yet; whatever adds one calls <see cref="Forget"/>.
/// An unknown slug is not remembered, so a club created a moment ago is found at once.
/// </summary>
public sealed class ClubDirectory(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ExpiringCache<string, ClubSummary> bySlug = new(clock, Lifetime, StringComparer.Ordinal);

    private static readonly Func<PortalDbContext, string, Task<ClubSummary?>> BySlug = EF.CompileAsyncQuery(
        (PortalDbContext db, string slug) => db.Clubs.AsNoTracking().Where(c => c.Slug == slug)
            .Select(c => new ClubSummary(c.Id, c.Slug, c.Name, c.DefaultLanguage, c.TimeZone)).SingleOrDefault());

    public async Task<ClubSummary?> FindAsync(string? slug, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(slug))
        {
            return null;
        }
        if (bySlug.Find(slug) is { } cached)
        {
            return cached;
        }
        var readAt = bySlug.Generation;
        ClubSummary? club;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            club = await BySlug(db, slug);
        }
        if (club is not null)
        {
            bySlug.Remember(slug, club, readAt);
        }
        return club;
    }

    /// <summary>Forgets a club at once (changed or deleted).</summary>
    public void Forget(string slug) => bySlug.Forget(slug);
}
