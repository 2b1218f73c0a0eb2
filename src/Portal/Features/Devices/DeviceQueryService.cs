using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Devices;

public record DeviceListQuery(string? Platform = null, string? Status = null, string? FirebaseProject = null, int? NotSeenForDays = null,
    long? MemberId = null, int Skip = 0, int Take = 25);

public record DeviceRow(long Id, long MemberId, string? MemberName, string? MemberEmail, string Token, string Platform, string? AppInstallationId,
    string? FirebaseProjectSlug, string? DeviceModel, string? OsVersion, DateTime CreatedAt, DateTime LastSeenAt, string Status, string? InvalidReason,
    DateTime? InvalidatedAt)
{
    /// <summary>Enough of the token to tell two apart without filling the screen.</summary>
    public string ShortToken => Token.Length <= 18 ? Token : $"{Token[..8]}…{Token[^6..]}";
}

/// <summary>The device lists of the admin pages, paged on the server, newest seen first.</summary>
public class DeviceQueryService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<(IReadOnlyList<DeviceRow> Rows, int Count)> ListAsync(int clubId, DeviceListQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tokens = db.DeviceTokens.AsNoTracking().Where(t => t.ClubId == clubId);
        if (query.MemberId is { } memberId)
        {
            tokens = tokens.Where(t => t.MemberId == memberId);
        }
        if (query.Platform is not null)
        {
            tokens = tokens.Where(t => t.Platform == query.Platform);
        }
        if (query.Status is not null)
        {
            tokens = tokens.Where(t => t.Status == query.Status);
        }
        if (query.FirebaseProject is not null)
        {
            tokens = tokens.Where(t => t.FirebaseProjectSlug == query.FirebaseProject);
        }
        if (query.NotSeenForDays is { } days)
        {
            var before = clock.GetUtcNow().UtcDateTime.AddDays(-days);
            tokens = tokens.Where(t => t.LastSeenAt < before);
        }
        var count = await tokens.CountAsync(ct);
        var rows = await tokens.OrderByDescending(t => t.LastSeenAt).ThenByDescending(t => t.Id)
            .Skip(query.Skip).Take(Math.Clamp(query.Take, 1, 200))
            .Select(t => new DeviceRow(t.Id, t.MemberId, ((t.Member!.FirstName ?? "") + " " + (t.Member.LastName ?? "")).Trim(), t.Member.Email,
                t.Token, t.Platform, t.AppInstallationId, t.FirebaseProjectSlug, t.DeviceModel, t.OsVersion, t.CreatedAt, t.LastSeenAt,
                t.Status, t.InvalidReason, t.InvalidatedAt))
            .ToListAsync(ct);
        return (rows, count);
    }

    /// <summary>The Firebase project slugs the club's tokens name, for the filter.</summary>
    public async Task<IReadOnlyList<string>> FirebaseProjectsAsync(int clubId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DeviceTokens.AsNoTracking().Where(t => t.ClubId == clubId && t.FirebaseProjectSlug != null)
            .Select(t => t.FirebaseProjectSlug!).Distinct().OrderBy(s => s).ToListAsync(ct);
    }
}
