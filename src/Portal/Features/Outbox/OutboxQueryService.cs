using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Outbox;

public record OutboxRow(long Id, string Channel, string Recipient, string? Subject, string Body, string Purpose, DateTime CreatedAt);

/// <summary>The club's outbox, newest first: what Portal sent (or, with no provider configured, would have sent).</summary>
public class OutboxQueryService(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<(IReadOnlyList<OutboxRow> Rows, int Count)> ListAsync(int clubId, string? recipient, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var messages = db.OutboxMessages.AsNoTracking().Where(m => m.ClubId == clubId);
        if (!string.IsNullOrWhiteSpace(recipient))
        {
            var text = recipient.Trim().ToLowerInvariant().TrimStart('+');
            messages = messages.Where(m => m.Recipient.StartsWith(text));
        }
        var count = await messages.CountAsync(ct);
        var rows = await messages.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Skip(skip).Take(Math.Clamp(take, 1, 100))
            .Select(m => new OutboxRow(m.Id, m.Channel, m.Recipient, m.Subject, m.Body, m.Purpose, m.CreatedAt))
            .ToListAsync(ct);
        return (rows, count);
    }
}
