using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Consents;

public record ConsentStats(string Key, string Title, int Version, bool Active, int Given, int Refused, int NeverAnswered);

public record RecentConsentChange(long? MemberId, string Title, bool? OldStatus, bool NewStatus, DateTime ChangedAt, string Channel, string? ClientName, string ActorType, string? ActorName)
{
    public ConsentHistoryEntry AsEntry() => new("", Title, 0, OldStatus, NewStatus, ChangedAt, Channel, ClientName, ActorType, ActorName);
}

/// <summary>How a club's members answered each consent, and the latest answers.</summary>
public class ConsentStatsService(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<IReadOnlyList<ConsentStats>> StatsAsync(int clubId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var members = await db.Members.CountAsync(m => m.ClubId == clubId, ct);
        var definitions = await db.ConsentDefinitions.AsNoTracking().Where(c => c.ClubId == clubId).OrderBy(c => c.Id).ToListAsync(ct);
        // One grouped query over the (ConsentDefinitionId, Status) index instead of one count per consent.
        var counts = await db.MemberConsents.AsNoTracking()
            .Where(c => c.Definition!.ClubId == clubId)
            .GroupBy(c => new { c.ConsentDefinitionId, c.Status })
            .Select(g => new { g.Key.ConsentDefinitionId, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        return definitions.Select(d =>
        {
            var given = counts.Where(c => c.ConsentDefinitionId == d.Id && c.Status).Sum(c => c.Count);
            var refused = counts.Where(c => c.ConsentDefinitionId == d.Id && !c.Status).Sum(c => c.Count);
            return new ConsentStats(d.Key, d.Title, d.Version, d.Active, given, refused, Math.Max(0, members - given - refused));
        }).ToList();
    }

    public async Task<IReadOnlyList<RecentConsentChange>> RecentAsync(int clubId, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ConsentChanges.AsNoTracking()
            .Where(c => c.ClubId == clubId)
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
            .Take(take)
            .Select(c => new RecentConsentChange(c.MemberId, c.Definition!.Title, c.OldStatus, c.NewStatus, c.ChangedAt, c.Channel, c.ClientName, c.ActorType, c.ActorName))
            .ToListAsync(ct);
    }
}
