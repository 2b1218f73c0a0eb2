using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.Audit;

namespace Portal.Features.Applets;

public record AppletInput(string Name, string? ImageUrl, string? MediaUploadId, string? AppletAccountId, bool Test, JsonArray Extensions);

public record AppletSummary(string Id, string Name, string? ImageUrl, string? MediaUploadId, string AppletAccountId, bool Test,
    DateTime? ArchivedAt, JsonArray Extensions, int Members, DateTime CreatedAt);

/// <summary>
/// Applets of a club: create, edit, archive, list with member counts. Each change checks the actor's
/// <see cref="PortalPermission.ManageApplets"/> and commits its audit record with it.
/// </summary>
public class AppletService(IDbContextFactory<PortalDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<Applet>> CreateAsync(int clubId, AppletInput input, Actor actor, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.ManageApplets, clubId))
        {
            return Outcome<Applet>.RefusedFor(PortalPermission.ManageApplets);
        }
        Check(input);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var applet = new Applet
        {
            ClubId = clubId,
            Name = input.Name.Trim(),
            AppletAccountId = string.IsNullOrWhiteSpace(input.AppletAccountId) ? PublicIds.New() : input.AppletAccountId.Trim(),
            CreatedAt = now,
        };
        Apply(applet, input, now);
        db.Applets.Add(applet);
        // The id is made on the client side (a public id), so the record names it in the same save.
        audit.Add(db, AuditActions.AppletSaved, actor, clubId, $"applet:{applet.Id}", "created");
        await db.SaveChangesAsync(ct);
        return applet;
    }

    /// <summary>Changes an applet; the value is false when the club has no such applet.</summary>
    public async Task<Outcome<bool>> UpdateAsync(int clubId, string appletId, AppletInput input, Actor actor, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.ManageApplets, clubId))
        {
            return Outcome<bool>.RefusedFor(PortalPermission.ManageApplets);
        }
        Check(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var applet = await db.Applets.SingleOrDefaultAsync(a => a.Id == appletId && a.ClubId == clubId, ct);
        if (applet is null)
        {
            return false;
        }
        Apply(applet, input, clock.GetUtcNow().UtcDateTime);
        if (!string.IsNullOrWhiteSpace(input.AppletAccountId))
        {
            applet.AppletAccountId = input.AppletAccountId.Trim();
        }
        audit.Add(db, AuditActions.AppletSaved, actor, clubId, $"applet:{applet.Id}", "edited");
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Archives (or restores) an applet: its memberships stay, new ones are refused. False when there is no such applet.</summary>
    public async Task<Outcome<bool>> SetArchivedAsync(int clubId, string appletId, bool archived, Actor actor, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.ManageApplets, clubId))
        {
            return Outcome<bool>.RefusedFor(PortalPermission.ManageApplets);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Applets.Where(a => a.Id == appletId && a.ClubId == clubId)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.ArchivedAt, archived ? now : null).SetProperty(x => x.UpdatedAt, now), ct) == 1;
        if (!changed)
        {
            return false;
        }
        audit.Add(db, archived ? AuditActions.AppletArchived : AuditActions.AppletRestored, actor, clubId, $"applet:{appletId}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<AppletSummary>> ListAsync(int clubId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Applets.AsNoTracking().Where(a => a.ClubId == clubId)
            .OrderBy(a => a.ArchivedAt != null).ThenBy(a => a.Name)
            .Select(a => new { Applet = a, Members = db.AppletMemberships.Count(m => m.AppletId == a.Id) })
            .ToListAsync(ct);
        return rows.Select(r => new AppletSummary(r.Applet.Id, r.Applet.Name, r.Applet.ImageUrl, r.Applet.MediaUploadId, r.Applet.AppletAccountId,
            r.Applet.Test, r.Applet.ArchivedAt, JsonNode.Parse(r.Applet.ExtensionsJson)!.AsArray(), r.Members, r.Applet.CreatedAt)).ToList();
    }

    private static void Apply(Applet applet, AppletInput input, DateTime now)
    {
        applet.Name = input.Name.Trim();
        applet.ImageUrl = string.IsNullOrWhiteSpace(input.ImageUrl) ? null : input.ImageUrl.Trim();
        applet.MediaUploadId = string.IsNullOrWhiteSpace(input.MediaUploadId) ? null : input.MediaUploadId.Trim();
        applet.Test = input.Test;
        applet.ExtensionsJson = input.Extensions.ToJsonString();
        applet.UpdatedAt = now;
    }

    private static void Check(AppletInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > ColumnLengths.AppletName)
        {
            throw new PortalValidationException("name", $"A name has 1 to {ColumnLengths.AppletName} characters.");
        }
        if (!string.IsNullOrWhiteSpace(input.ImageUrl) && !(AppletExtensions.IsUrl(input.ImageUrl) && input.ImageUrl.Trim().StartsWith("https://", StringComparison.Ordinal)))
        {
            throw new PortalValidationException("image", "The image is an https:// URL.");
        }
        if (input.MediaUploadId?.Trim().Length > ColumnLengths.MediaUploadId)
        {
            throw new PortalValidationException("media-upload-id", $"A media upload id has at most {ColumnLengths.MediaUploadId} characters.");
        }
        if (input.AppletAccountId?.Trim() is { Length: > 0 } account && (account.Length > ColumnLengths.PublicId || !account.All(char.IsAsciiLetterOrDigit)))
        {
            throw new PortalValidationException("applet-account-id", "An account id has up to 32 letters and digits.");
        }
        if (AppletExtensions.Errors(input.Extensions) is { Count: > 0 } errors)
        {
            throw new PortalValidationException("extensions", string.Join(" ", errors));
        }
        if (input.Extensions.ToJsonString().Length > ColumnLengths.ExtensionsJson)
        {
            throw new PortalValidationException("extensions", "The extensions are too large.");
        }
    }
}
