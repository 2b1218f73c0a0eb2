using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.Audit;
using Portal.Features.Devices;

namespace Portal.Features.Push;

public record PushTemplateSummary(int Id, string Name, DateTime UpdatedAt);

public record PushTestDeviceSummary(int Id, string Label, string Token, string FirebaseProjectSlug, string? Platform);

/// <summary>
/// What the club's marketers keep for the console: templates of pushes and the test phones they aim at. Saving
/// checks <see cref="PortalPermission.UsePushConsole"/> and commits the audit record with the change.
/// </summary>
public class PushLibraryService(IDbContextFactory<PortalDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    /// <summary>Saves a template under <paramref name="name"/>, replacing one of the same name.</summary>
    public async Task<Outcome<bool>> SaveTemplateAsync(int clubId, string name, PushContent content, Actor actor, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.UsePushConsole, clubId))
        {
            return Outcome<bool>.RefusedFor(PortalPermission.UsePushConsole);
        }
        name = name.Trim();
        if (name.Length is 0 or > ColumnLengths.ApiKeyName)
        {
            throw new PortalValidationException("template", $"A template needs a name of 1 to {ColumnLengths.ApiKeyName} characters.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.PushTemplates.SingleOrDefaultAsync(t => t.ClubId == clubId && t.Name == name, ct)
            ?? db.PushTemplates.Add(new PushTemplate { ClubId = clubId, Name = name, ContentJson = "" }).Entity;
        template.ContentJson = JsonSerializer.Serialize(content);
        template.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Add(db, AuditActions.PushTemplateSaved, actor, clubId, $"template:{name}");
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<PushTemplateSummary>> TemplatesAsync(int clubId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PushTemplates.AsNoTracking().Where(t => t.ClubId == clubId).OrderBy(t => t.Name)
            .Select(t => new PushTemplateSummary(t.Id, t.Name, t.UpdatedAt)).ToListAsync(ct);
    }

    public async Task<PushContent?> TemplateAsync(int clubId, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var json = await db.PushTemplates.AsNoTracking().Where(t => t.Id == id && t.ClubId == clubId).Select(t => t.ContentJson).SingleOrDefaultAsync(ct);
        return json is null ? null : JsonSerializer.Deserialize<PushContent>(json);
    }

    public async Task<bool> DeleteTemplateAsync(int clubId, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PushTemplates.Where(t => t.Id == id && t.ClubId == clubId).ExecuteDeleteAsync(ct) == 1;
    }

    /// <summary>Keeps a test phone; the same token again updates its label and project.</summary>
    public async Task<Outcome<bool>> SaveTestDeviceAsync(int clubId, string label, string token, string projectSlug, string? platform, Actor actor,
        CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.UsePushConsole, clubId))
        {
            return Outcome<bool>.RefusedFor(PortalPermission.UsePushConsole);
        }
        label = label.Trim();
        if (label.Length is 0 or > ColumnLengths.ApiKeyName)
        {
            throw new PortalValidationException("test-device", $"A test device needs a label of 1 to {ColumnLengths.ApiKeyName} characters.");
        }
        if (DeviceTokenRules.Check(new DeviceRegistration(token.Trim(), platform ?? "android"), DeviceTokenRules.Platforms) is { Count: > 0 })
        {
            throw new PortalValidationException("test-device", "The token or platform is not valid.");
        }
        if (string.IsNullOrWhiteSpace(projectSlug))
        {
            throw new PortalValidationException("test-device", "Choose the token's Firebase project.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        token = token.Trim();
        var device = await db.PushTestDevices.SingleOrDefaultAsync(d => d.ClubId == clubId && d.Token == token, ct)
            ?? db.PushTestDevices.Add(new PushTestDevice { ClubId = clubId, Label = label, Token = token, FirebaseProjectSlug = projectSlug, CreatedAt = clock.GetUtcNow().UtcDateTime }).Entity;
        device.Label = label;
        device.FirebaseProjectSlug = projectSlug;
        device.Platform = platform;
        audit.Add(db, AuditActions.PushTestDeviceSaved, actor, clubId, $"test_device:{label}");
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<PushTestDeviceSummary>> TestDevicesAsync(int clubId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PushTestDevices.AsNoTracking().Where(d => d.ClubId == clubId).OrderBy(d => d.Label)
            .Select(d => new PushTestDeviceSummary(d.Id, d.Label, d.Token, d.FirebaseProjectSlug, d.Platform)).ToListAsync(ct);
    }

    public async Task<bool> DeleteTestDeviceAsync(int clubId, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PushTestDevices.Where(d => d.Id == id && d.ClubId == clubId).ExecuteDeleteAsync(ct) == 1;
    }
}
