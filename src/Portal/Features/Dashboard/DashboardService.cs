using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Members;

namespace Portal.Features.Dashboard;

public record DashboardSummary(
    int Members, int NewMembersLast30Days, int BannedMembers, int EmailReachable, int SmsReachable, int ActiveApiKeys,
    IReadOnlyList<RecentMember> RecentMembers);

public record RecentMember(long Id, string Name, string? Email, string? OptinChannel, DateTime CreatedAt);

/// <summary>The figures on the dashboard for one club.</summary>
public class DashboardService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<DashboardSummary> GetAsync(int clubId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var members = db.Members.AsNoTracking().Where(m => m.ClubId == clubId);

        var total = await members.CountAsync(ct);
        var recentCount = await members.CountAsync(m => m.CreatedAt >= now.AddDays(-30), ct);
        var banned = await members.CountAsync(MemberBan.InForceAt(now), ct);
        var emailReachable = await members.CountAsync(m => m.Email != null && m.EmailStatus == ChannelStatus.Enabled, ct);
        var smsReachable = await members.CountAsync(m => m.Msisdn != null && m.SmsStatus == ChannelStatus.Enabled, ct);
        var keys = await db.ApiKeys.AsNoTracking().CountAsync(k => k.ClubId == clubId && k.RevokedAt == null, ct);
        var recent = await members
            .OrderByDescending(m => m.CreatedAt)
            .Take(5)
            .Select(m => new RecentMember(m.Id, ((m.FirstName ?? "") + " " + (m.LastName ?? "")).Trim(), m.Email, m.OptinChannel, m.CreatedAt))
            .ToListAsync(ct);
        return new DashboardSummary(total, recentCount, banned, emailReachable, smsReachable, keys, recent);
    }
}
