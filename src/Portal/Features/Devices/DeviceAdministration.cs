using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.Audit;

namespace Portal.Features.Devices;

/// <summary>
/// An admin's changes to a club's device tokens: revoke one, delete the invalid ones. Each checks
/// <see cref="PortalPermission.ManageDevices"/> and commits its audit record with the change. (Apps' own token
/// rules and FCM's invalidations are <see cref="DeviceTokenService"/>'s.)
/// </summary>
public class DeviceAdministration(IDbContextFactory<PortalDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    /// <summary>Marks a token invalid, naming the actor as the reason; false when the club has no such token.</summary>
    public async Task<Outcome<bool>> RevokeAsync(int clubId, long tokenId, Actor actor, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.ManageDevices, clubId))
        {
            return Outcome<bool>.RefusedFor(PortalPermission.ManageDevices);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var revoked = await db.DeviceTokens.Where(t => t.Id == tokenId && t.ClubId == clubId)
            .ExecuteUpdateAsync(t => t
                .SetProperty(x => x.Status, DeviceTokenStatus.Invalid)
                .SetProperty(x => x.InvalidReason, $"Revoked by {actor.Name}")
                .SetProperty(x => x.InvalidatedAt, now)
                .SetProperty(x => x.UpdatedAt, now), ct) == 1;
        if (!revoked)
        {
            return false;
        }
        audit.Add(db, AuditActions.DeviceRevoked, actor, clubId, $"device:{tokenId}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Deletes every invalid token of the club; the value is how many.</summary>
    public async Task<Outcome<int>> RemoveInvalidAsync(int clubId, Actor actor, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.ManageDevices, clubId))
        {
            return Outcome<int>.RefusedFor(PortalPermission.ManageDevices);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var removed = await db.DeviceTokens.Where(t => t.ClubId == clubId && t.Status == DeviceTokenStatus.Invalid).ExecuteDeleteAsync(ct);
        audit.Add(db, AuditActions.DevicesCleanedUp, actor, clubId, details: $"removed={removed}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return removed;
    }
}
