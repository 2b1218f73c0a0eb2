using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.Audit;

namespace Portal.Features.Schema;

/// <summary>
/// Reads and edits a club's member schema and consent definitions. Edits check the actor's
/// <see cref="PortalPermission.ManageSettings"/> and commit their audit record with the change. Reads come from
/// <see cref="ClubSchemaCache"/>; every edit here forgets the club's schema there once it has committed.
/// </summary>
public partial class ClubSchemaService(IDbContextFactory<PortalDbContext> dbFactory, ClubSchemaCache cache, AuditLog audit, TimeProvider clock)
{
    [GeneratedRegex("^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();

    /// <summary>The club's schema, from memory when read less than <see cref="ClubSchemaCache.Lifetime"/> ago; null for no such club.</summary>
    public async Task<ClubSchema?> GetAsync(int clubId, CancellationToken ct = default)
    {
        if (cache.Find(clubId) is { } cached)
        {
            return cached;
        }
        var readAt = cache.Generation;
        var schema = await ReadAsync(clubId, ct);
        if (schema is not null)
        {
            cache.Remember(schema, readAt);
        }
        return schema;
    }

    /// <summary>
    /// The club's schema read from the database now, for a reader that found something newer than the schema in
    /// memory (a consent defined on another instance); it replaces the one in memory.
    /// </summary>
    public Task<ClubSchema?> ReloadAsync(int clubId, CancellationToken ct = default)
    {
        cache.Forget(clubId);
        return GetAsync(clubId, ct);
    }

    private async Task<ClubSchema?> ReadAsync(int clubId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var language = await db.Clubs.AsNoTracking().Where(c => c.Id == clubId).Select(c => c.DefaultLanguage).FirstOrDefaultAsync(ct);
        if (language is null)
        {
            return null;
        }
        var properties = await db.MemberProperties.AsNoTracking().Where(p => p.ClubId == clubId)
            .OrderBy(p => p.Position).ThenBy(p => p.Id).ToListAsync(ct);
        var consents = await db.ConsentDefinitions.AsNoTracking().Where(c => c.ClubId == clubId)
            .OrderBy(c => c.Id)
            .Select(c => new SchemaConsent(c.Id, c.Key, c.Title, c.Description, c.Version, c.Active, c.Kind))
            .ToListAsync(ct);
        // Arrays: one instance is shared by every request that reads the schema from the cache.
        return new ClubSchema(clubId, language, properties.Select(ToSchemaProperty).ToArray(), consents.ToArray());
    }

    /// <summary>Adds a property, or changes an existing one's label, type, choices and required flag.</summary>
    public async Task<Outcome<bool>> SavePropertyAsync(int clubId, string key, string label, string type, bool required, IReadOnlyList<string> choices,
        Actor actor, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.ManageSettings, clubId))
        {
            return Outcome<bool>.RefusedFor(PortalPermission.ManageSettings);
        }
        key = key.Trim();
        if (key.Length > ColumnLengths.PropertyKey || !SnakeCase().IsMatch(key))
        {
            throw new PortalValidationException("key", "A key is snake_case: lower-case letters, digits and single underscores, starting with a letter.");
        }
        if (string.IsNullOrWhiteSpace(label) || label.Length > ColumnLengths.PropertyLabel)
        {
            throw new PortalValidationException("label", $"A label has 1 to {ColumnLengths.PropertyLabel} characters.");
        }
        if (!MemberPropertyType.All.Contains(type))
        {
            throw new PortalValidationException("type", $"Unknown type '{type}'.");
        }
        var cleanChoices = choices.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().ToList();
        if (MemberPropertyType.HasChoices(type) && cleanChoices.Count == 0)
        {
            throw new PortalValidationException("choices", "A choice property needs at least one choice.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.MemberProperties.SingleOrDefaultAsync(p => p.ClubId == clubId && p.Key == key, ct);
        if (existing is { BuiltIn: true } && existing.Type != type)
        {
            throw new PortalValidationException("type", $"The type of the built-in property '{key}' cannot change.");
        }
        var property = existing ?? db.MemberProperties.Add(new MemberPropertyDefinition
        {
            ClubId = clubId,
            Key = key,
            Label = label,
            Type = type,
            Position = await db.MemberProperties.Where(p => p.ClubId == clubId).Select(p => (int?)p.Position).MaxAsync(ct) + 1 ?? 0,
        }).Entity;
        property.Label = label.Trim();
        property.Type = type;
        property.Required = required;
        property.ChoicesJson = MemberPropertyType.HasChoices(type) ? JsonSerializer.Serialize(cleanChoices) : null;
        audit.Add(db, AuditActions.SchemaChanged, actor, clubId, $"property:{key}", existing is null ? "added" : "edited");
        await db.SaveChangesAsync(ct);
        cache.Forget(clubId);
        return true;
    }

    /// <summary>Removes a property from the schema. Values already stored stay in members' JSON but are no longer served.</summary>
    public async Task<Outcome<bool>> RemovePropertyAsync(int clubId, string key, Actor actor, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.ManageSettings, clubId))
        {
            return Outcome<bool>.RefusedFor(PortalPermission.ManageSettings);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var property = await db.MemberProperties.SingleOrDefaultAsync(p => p.ClubId == clubId && p.Key == key, ct)
            ?? throw new PortalValidationException("key", $"There is no property '{key}'.");
        if (property.BuiltIn)
        {
            throw new PortalValidationException("key", $"'{key}' is built in and cannot be removed.");
        }
        db.MemberProperties.Remove(property);
        audit.Add(db, AuditActions.SchemaChanged, actor, clubId, $"property:{key}", "removed");
        await db.SaveChangesAsync(ct);
        cache.Forget(clubId);
        return true;
    }

    /// <summary>
    /// Adds a consent definition, or edits one. A changed title or description is a new version of the
    /// text: answers given from now on record the new version.
    /// </summary>
    public async Task<Outcome<bool>> SaveConsentAsync(int clubId, string key, string title, string description, bool active, Actor actor,
        string kind = ConsentKind.Consent,
        CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.ManageSettings, clubId))
        {
            return Outcome<bool>.RefusedFor(PortalPermission.ManageSettings);
        }
        key = key.Trim();
        if (!ConsentKind.All.Contains(kind))
        {
            throw new PortalValidationException("kind", $"A consent is of kind {string.Join(" or ", ConsentKind.All)}.");
        }
        if (key.Length > ColumnLengths.ConsentKey || !SnakeCase().IsMatch(key))
        {
            throw new PortalValidationException("key", "A key is snake_case: lower-case letters, digits and single underscores, starting with a letter.");
        }
        if (string.IsNullOrWhiteSpace(title) || title.Length > ColumnLengths.ConsentTitle)
        {
            throw new PortalValidationException("title", $"A title has 1 to {ColumnLengths.ConsentTitle} characters.");
        }
        if (description.Length > ColumnLengths.ConsentDescription)
        {
            throw new PortalValidationException("description", $"A description has at most {ColumnLengths.ConsentDescription} characters.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var consent = await db.ConsentDefinitions.SingleOrDefaultAsync(c => c.ClubId == clubId && c.Key == key, ct);
        if (consent is null)
        {
            db.ConsentDefinitions.Add(new ConsentDefinition
            {
                ClubId = clubId, Key = key, Title = title.Trim(), Description = description.Trim(), Kind = kind, Active = active,
                CreatedAt = now, UpdatedAt = now, VersionedAt = now,
            });
        }
        else
        {
            // Turning a consent into terms (or back) changes what members agreed to as much as new wording does.
            if (consent.Title != title.Trim() || consent.Description != description.Trim() || consent.Kind != kind)
            {
                consent.Version++;
                consent.VersionedAt = now;
            }
            consent.Title = title.Trim();
            consent.Description = description.Trim();
            consent.Kind = kind;
            consent.Active = active;
            consent.UpdatedAt = now;
        }
        audit.Add(db, AuditActions.ConsentDefinitionSaved, actor, clubId, $"consent:{key}", consent is null ? "added" : "edited");
        await db.SaveChangesAsync(ct);
        cache.Forget(clubId);
        return true;
    }

    private static SchemaProperty ToSchemaProperty(MemberPropertyDefinition p) => new(
        p.Key, p.Label, p.Type, p.Required,
        p.ChoicesJson is null ? [] : JsonSerializer.Deserialize<List<string>>(p.ChoicesJson) ?? [],
        p.BuiltIn);
}
