using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Features.Devices;

/// <summary>
/// The rules of push device tokens, for both app APIs and the pages. Apps register at every start, so the
/// common case (the same token again) costs one SQL statement: an update of its last-seen time that matches only
/// when nothing else would change.
/// </summary>
public class DeviceTokenService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>
    /// Registers a token (already checked with <see cref="DeviceTokenRules"/>) for a member of the club.
    /// Returns null when the member does not exist. A registration without a platform updates a token Portal
    /// already holds (keeping its platform) and is <see cref="RegistrationOutcome.PlatformMissing"/> for any other.
    /// </summary>
    public async Task<RegistrationOutcome?> RegisterAsync(int clubId, long memberId, DeviceRegistration registration, CancellationToken ct = default)
    {
        var token = registration.Token!;
        var installation = registration.AppInstallationId;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // The common case, an app starting again: this member's active token, every field the registration names
        // already as stored, and no other token of this installation to replace. One UPDATE, no read first.
        if (await RefreshUnchangedAsync(db, clubId, memberId, registration, now, ct))
        {
            return RegistrationOutcome.Refreshed;
        }

        // Otherwise: the row holding this token, and the row of this member's installation, if any.
        var candidates = await db.DeviceTokens
            .Where(t => t.ClubId == clubId && (t.Token == token || (installation != null && t.MemberId == memberId && t.AppInstallationId == installation)))
            .ToListAsync(ct);
        var sameToken = candidates.FirstOrDefault(t => t.Token == token);
        var sameInstallation = candidates.FirstOrDefault(t => t.Token != token);

        if (sameToken is not null && sameToken.MemberId == memberId && sameInstallation is null && Unchanged(sameToken, registration))
        {
            // Changed between the update above and this read (another request registered the same token).
            await db.DeviceTokens.Where(t => t.Id == sameToken.Id)
                .ExecuteUpdateAsync(t => t.SetProperty(x => x.LastSeenAt, now), ct);
            return RegistrationOutcome.Refreshed;
        }

        if (!await db.Members.AnyAsync(m => m.Id == memberId && m.ClubId == clubId, ct))
        {
            return null;
        }

        if (registration.Platform is null && sameToken is null)
        {
            return RegistrationOutcome.PlatformMissing;
        }

        RegistrationOutcome outcome;
        DeviceToken row;
        if (sameToken is not null)
        {
            outcome = sameToken.MemberId == memberId ? RegistrationOutcome.Refreshed : RegistrationOutcome.Moved;
            row = sameToken;
            if (sameInstallation is not null)
            {
                // The installation's old token is superseded by this one.
                db.DeviceTokens.Remove(sameInstallation);
            }
        }
        else if (sameInstallation is not null)
        {
            outcome = RegistrationOutcome.Replaced;
            row = sameInstallation;
            row.Token = token;
        }
        else
        {
            outcome = RegistrationOutcome.Added;
            row = db.DeviceTokens.Add(new DeviceToken { ClubId = clubId, MemberId = memberId, Token = token, Platform = registration.Platform!, CreatedAt = now }).Entity;
        }

        row.MemberId = memberId;
        row.Platform = registration.Platform ?? row.Platform;
        row.AppInstallationId = installation ?? row.AppInstallationId;
        row.FirebaseProjectSlug = registration.FirebaseProjectSlug ?? row.FirebaseProjectSlug;
        row.DeviceModel = registration.DeviceModel ?? row.DeviceModel;
        row.OsVersion = registration.OsVersion ?? row.OsVersion;
        row.AppVersion = registration.AppVersion ?? row.AppVersion;
        row.UpdatedAt = now;
        row.LastSeenAt = now;
        row.Status = DeviceTokenStatus.Active;
        row.InvalidReason = null;
        row.InvalidatedAt = null;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await RetireBeyondCapAsync(db, memberId, now, ct);
        await transaction.CommitAsync(ct);
        return outcome;
    }

    /// <summary>Marks a token invalid (revoked by an admin, or dead according to FCM). Returns false when it is not in the club.</summary>
    public async Task<bool> InvalidateAsync(int clubId, long tokenId, string reason, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DeviceTokens.Where(t => t.Id == tokenId && t.ClubId == clubId)
            .ExecuteUpdateAsync(t => t
                .SetProperty(x => x.Status, DeviceTokenStatus.Invalid)
                .SetProperty(x => x.InvalidReason, reason)
                .SetProperty(x => x.InvalidatedAt, now)
                .SetProperty(x => x.UpdatedAt, now), ct) == 1;
    }

    /// <summary>The same condition as <see cref="Unchanged"/>, and no other token of the installation, as one UPDATE.</summary>
    private static async Task<bool> RefreshUnchangedAsync(PortalDbContext db, int clubId, long memberId, DeviceRegistration registration, DateTime now, CancellationToken ct)
    {
        var (token, platform, installation, firebase) = (registration.Token!, registration.Platform, registration.AppInstallationId, registration.FirebaseProjectSlug);
        var (model, os, app) = (registration.DeviceModel, registration.OsVersion, registration.AppVersion);
        return await db.DeviceTokens
            .Where(t => t.ClubId == clubId && t.Token == token && t.MemberId == memberId && t.Status == DeviceTokenStatus.Active
                && (platform == null || t.Platform == platform)
                && (installation == null || t.AppInstallationId == installation)
                && (firebase == null || t.FirebaseProjectSlug == firebase)
                && (model == null || t.DeviceModel == model)
                && (os == null || t.OsVersion == os)
                && (app == null || t.AppVersion == app)
                && !(installation != null && db.DeviceTokens.Any(other => other.ClubId == clubId && other.MemberId == memberId
                    && other.AppInstallationId == installation && other.Token != token)))
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.LastSeenAt, now), ct) == 1;
    }

    private static bool Unchanged(DeviceToken row, DeviceRegistration registration) =>
        row.Status == DeviceTokenStatus.Active
        && (registration.Platform is null || row.Platform == registration.Platform)
        && (registration.AppInstallationId is null || row.AppInstallationId == registration.AppInstallationId)
        && (registration.FirebaseProjectSlug is null || row.FirebaseProjectSlug == registration.FirebaseProjectSlug)
        && (registration.DeviceModel is null || row.DeviceModel == registration.DeviceModel)
        && (registration.OsVersion is null || row.OsVersion == registration.OsVersion)
        && (registration.AppVersion is null || row.AppVersion == registration.AppVersion);

    private static async Task RetireBeyondCapAsync(PortalDbContext db, long memberId, DateTime now, CancellationToken ct)
    {
        var beyondCap = await db.DeviceTokens
            .Where(t => t.MemberId == memberId && t.Status == DeviceTokenStatus.Active)
            .OrderByDescending(t => t.LastSeenAt).ThenByDescending(t => t.Id)
            .Skip(DeviceTokenRules.MaxActiveTokensPerMember)
            .Select(t => t.Id)
            .ToListAsync(ct);
        if (beyondCap.Count > 0)
        {
            await db.DeviceTokens.Where(t => beyondCap.Contains(t.Id))
                .ExecuteUpdateAsync(t => t
                    .SetProperty(x => x.Status, DeviceTokenStatus.Invalid)
                    .SetProperty(x => x.InvalidReason, $"Retired: the member registered more than {DeviceTokenRules.MaxActiveTokensPerMember} devices")
                    .SetProperty(x => x.InvalidatedAt, now), ct);
        }
    }
}
