using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.Audit;

namespace Portal.Features.ApiKeys;

/// <summary>
/// Issues, lists, revokes and checks club API keys. A key looks like <c>pk_&lt;prefix&gt;_&lt;secret&gt;</c>:
/// the prefix finds the row, and only the SHA-256 of the whole key is stored. A slow password hash is not
/// needed: the secret is 256 random bits, not something a person chose.
/// </summary>
public partial class ApiKeyService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock, ApiKeyUsage usage, AuditLog audit, ApiKeyCache cache)
{
    private const string KeyStart = "pk_";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex AccountIdPattern();

    public record IssuedKey(ApiKeyInfo Info, string Key);

    public record ApiKeyInfo(int Id, int ClubId, string ClubSlug, string Name, string Prefix, IReadOnlyList<string> Permits, string? AccountId,
        DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

    /// <summary>Issues a key (<see cref="PortalPermission.ManageSettings"/>); the returned key text is shown once and never stored.</summary>
    public async Task<Outcome<IssuedKey>> CreateAsync(string clubSlug, string name, string? permits, string? accountId, Actor by, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > ColumnLengths.ApiKeyName)
        {
            throw new PortalValidationException("name", $"A key needs a name of 1 to {ColumnLengths.ApiKeyName} characters.");
        }
        var parsedPermits = ApiPermits.Parse(permits);
        if (accountId is not null && !AccountIdPattern().IsMatch(accountId))
        {
            throw new PortalValidationException("account", "An account id has 1 to 64 letters, digits, '-' or '_'.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var club = await FindClubAsync(db, clubSlug, ct);
        if (!await audit.PermitsAsync(by, PortalPermission.ManageSettings, club.Id))
        {
            return Outcome<IssuedKey>.RefusedFor(PortalPermission.ManageSettings);
        }
        var prefix = RandomToken(9);
        var key = $"{KeyStart}{prefix}_{RandomToken(32)}";
        var entity = new ApiKey
        {
            ClubId = club.Id,
            Name = name.Trim(),
            Prefix = prefix,
            SecretHash = Hash(key),
            Permits = string.Join(',', parsedPermits),
            AccountId = accountId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        // The key and its audit record commit together (the record needs the key's id).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ApiKeys.Add(entity);
        await db.SaveChangesAsync(ct);
        audit.Add(db, AuditActions.ApiKeyCreated, by, club.Id, $"api_key:{entity.Id}", $"name={entity.Name}; permits={entity.Permits}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new IssuedKey(ToInfo(entity, club.Slug), key);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(string clubSlug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var club = await FindClubAsync(db, clubSlug, ct);
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.ClubId == club.Id).OrderBy(k => k.Id).ToListAsync(ct);
        return keys.Select(k => ToInfo(k, club.Slug)).ToList();
    }

    /// <summary>Revokes a key of the club; revoking an already revoked key changes nothing.</summary>
    public async Task<Outcome<ApiKeyInfo>> RevokeAsync(string clubSlug, int id, Actor by, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var club = await FindClubAsync(db, clubSlug, ct);
        if (!await audit.PermitsAsync(by, PortalPermission.ManageSettings, club.Id))
        {
            return Outcome<ApiKeyInfo>.RefusedFor(PortalPermission.ManageSettings);
        }
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id && k.ClubId == club.Id, ct)
            ?? throw new PortalValidationException("id", $"Club '{clubSlug}' has no API key with id {id}.");
        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow().UtcDateTime;
            audit.Add(db, AuditActions.ApiKeyRevoked, by, club.Id, $"api_key:{key.Id}", $"name={key.Name}");
        }
        await db.SaveChangesAsync(ct);
        cache.Forget(key.Prefix);
        return ToInfo(key, club.Slug);
    }

    /// <summary>
    /// The active key matching <paramref name="presentedKey"/>, or null. The hash comparison takes the
    /// same time whether or not the key matches.
    /// </summary>
    public async Task<ApiKeyInfo?> FindActiveAsync(string? presentedKey, CancellationToken ct = default)
    {
        var prefix = PrefixOf(presentedKey);
        if (prefix is null)
        {
            return null;
        }
        var cached = cache.Find(prefix);
        if (cached is null)
        {
            var readAt = cache.Generation;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var row = await KeyByPrefix(db, prefix);
            if (row is null)
            {
                return null;
            }
            cached = cache.Remember(prefix, row, row.Club!.Slug, readAt);
        }
        var key = cached.Key;
        if (key.RevokedAt is not null)
        {
            return null;
        }
        var matches = CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(presentedKey!)), Encoding.ASCII.GetBytes(key.SecretHash));
        if (!matches)
        {
            return null;
        }
        usage.Touch(key.Id);
        return ToInfo(key, cached.ClubSlug);
    }

    // Compiled once: every API request that presents a key not yet cached runs it.
    private static readonly Func<PortalDbContext, string, Task<ApiKey?>> KeyByPrefix = EF.CompileAsyncQuery(
        (PortalDbContext db, string prefix) => db.ApiKeys.AsNoTracking().Include(k => k.Club).SingleOrDefault(k => k.Prefix == prefix));

    /// <summary>The key with this id if it is still active (a token issued for it is only as good as the key).</summary>
    public async Task<ApiKeyInfo?> FindActiveByIdAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking().Include(k => k.Club).SingleOrDefaultAsync(k => k.Id == id && k.RevokedAt == null, ct);
        return key is null ? null : ToInfo(key, key.Club!.Slug);
    }

    private static string? PrefixOf(string? key)
    {
        if (key is null || !key.StartsWith(KeyStart, StringComparison.Ordinal))
        {
            return null;
        }
        var end = key.IndexOf('_', KeyStart.Length);
        return end > KeyStart.Length ? key[KeyStart.Length..end] : null;
    }

    private static async Task<LoyaltyClub> FindClubAsync(PortalDbContext db, string clubSlug, CancellationToken ct) =>
        await db.Clubs.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == clubSlug, ct)
        ?? throw new PortalValidationException("club", $"No club with slug '{clubSlug}'.");

    // Base64url without '_' so the prefix never contains the separator.
    private static string RandomToken(int bytes) =>
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes)).Replace('_', 'x');

    private static string Hash(string key) => Sha256Hex.Of(key);

    private static ApiKeyInfo ToInfo(ApiKey key, string clubSlug) => new(
        key.Id, key.ClubId, clubSlug, key.Name, key.Prefix,
        key.Permits.Split(',', StringSplitOptions.RemoveEmptyEntries), key.AccountId,
        key.CreatedAt, key.LastUsedAt, key.RevokedAt);
}
