using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Account;

namespace Portal.Features.Audit;

/// <summary>
/// Writes and reads the audit log. A record says who did what to which object, when and from where; it
/// never holds a secret, a message body or a member's personal data (targets are ids).
/// </summary>
public class AuditLog(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock, ILogger<AuditLog> logger)
{
    /// <summary>
    /// Records an event in its own short transaction. A failure to record is logged and swallowed: the audit
    /// log must not turn a sign-in or a completed change into an error for the user.
    /// </summary>
    public async Task RecordAsync(string action, Actor actor, int? clubId = null, string? target = null, string? details = null)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            db.AuditRecords.Add(ToRecord(action, actor, clubId, target, details));
            await db.SaveChangesAsync();
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogError(e, "Could not record audit event {Action} by {ActorType} {ActorId}", action, actor.Type, actor.Id);
        }
    }

    /// <summary>
    /// The use case's permission check: whether <paramref name="actor"/> may do what <paramref name="permission"/>
    /// covers in <paramref name="clubId"/>. A refusal is recorded here, once (access.denied), in its own save:
    /// nothing else is written when the change is refused.
    /// </summary>
    public async Task<bool> PermitsAsync(Actor actor, PortalPermission permission, int? clubId)
    {
        if (actor.May(permission, clubId))
        {
            return true;
        }
        await RecordAsync(AuditActions.AccessDenied, actor, clubId, details: $"permission={permission}");
        return false;
    }

    /// <summary>Adds the record to <paramref name="db"/> so it commits (or not) with the change it describes.</summary>
    public void Add(PortalDbContext db, string action, Actor actor, int? clubId = null, string? target = null, string? details = null) =>
        db.AuditRecords.Add(ToRecord(action, actor, clubId, target, details));

    public sealed record AuditFilter(int? ClubId, DateTime? FromUtc = null, DateTime? ToUtc = null, string? Action = null, string? Actor = null);

    public sealed record AuditEntry(long Id, DateTime At, string ActorType, string? ActorId, string? ActorName, string Action,
        string? Target, string? Details, string? RemoteIp, int? ClubId, string Channel);

    /// <summary>
    /// One page of events, newest first: those of <see cref="AuditFilter.ClubId"/> and those that belong to no
    /// club (sign-ins, users). The total is capped so a long log is not counted on every page.
    /// </summary>
    public async Task<(IReadOnlyList<AuditEntry> Page, int Total)> SearchAsync(AuditFilter filter, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.AuditRecords.AsNoTracking().Where(r => r.ClubId == filter.ClubId || r.ClubId == null);
        if (filter.FromUtc is { } from)
        {
            query = query.Where(r => r.At >= from);
        }
        if (filter.ToUtc is { } to)
        {
            query = query.Where(r => r.At < to);
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            // "member" matches member.created, member.deleted, ...; a full name matches itself.
            query = action.Contains('.') ? query.Where(r => r.Action == action) : query.Where(r => r.Action.StartsWith(action + "."));
        }
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim();
            query = query.Where(r => r.ActorName!.Contains(actor) || r.ActorId == actor || r.RemoteIp == actor);
        }
        var total = await query.Take(TotalCap).CountAsync(ct);
        var page = await query.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Skip(skip).Take(take)
            .Select(r => new AuditEntry(r.Id, r.At, r.ActorType, r.ActorId, r.ActorName, r.Action, r.Target, r.Details, r.RemoteIp, r.ClubId, r.Channel))
            .ToListAsync(ct);
        return (page, total);
    }

    public const int TotalCap = 10_000;

    /// <summary>Deletes records older than <paramref name="retention"/>, in batches so writers are never held up long.</summary>
    public async Task<int> PurgeAsync(TimeSpan retention, CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - retention;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var purged = 0;
        while (true)
        {
            var batch = await db.AuditRecords.Where(r => r.At < cutoff).OrderBy(r => r.At).Take(5_000).Select(r => r.Id).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return purged;
            }
            purged += await db.AuditRecords.Where(r => batch.Contains(r.Id)).ExecuteDeleteAsync(ct);
        }
    }

    private AuditRecord ToRecord(string action, Actor actor, int? clubId, string? target, string? details) => new()
    {
        ClubId = clubId,
        At = clock.GetUtcNow().UtcDateTime,
        ActorType = actor.Type,
        ActorId = actor.Id,
        ActorName = Truncate(actor.Name, ColumnLengths.ActorName),
        Action = action,
        Target = Truncate(target, ColumnLengths.AuditTarget),
        Details = Truncate(details, ColumnLengths.AuditDetails),
        RemoteIp = actor.RemoteIp,
        Channel = actor.Channel,
    };

    private static string? Truncate(string? value, int length) => value is { } v && v.Length > length ? v[..length] : value;
}
