using Microsoft.Extensions.Options;
using Portal.Data.Entities;

namespace Portal.Features.ApiKeys;

/// <summary>
/// The API keys the vendor APIs saw lately, by prefix, for <see cref="Lifetime"/> (<c>Portal:ApiKeyCacheLifetime</c>,
/// 10 s by default): every app request presents one,
/// and reading it from the database each time was a tenth of a token registration's CPU (bench/RESULTS.md, "Profile
/// (issue 15)"). A revoke in this process forgets the key before it returns, so the next request reads the database
/// again; a revoke by another process (the CLI, another instance) reaches a running server when the entry expires.
/// </summary>
public sealed class ApiKeyCache(TimeProvider clock, IOptions<PortalOptions> options)
{
    private readonly ExpiringCache<string, Entry> byPrefix = new(clock, options.Value.ApiKeyCacheLifetime, StringComparer.Ordinal);

    public TimeSpan Lifetime => byPrefix.Lifetime;

    /// <summary>The key row (with its club's slug) as read from the database at most <see cref="Lifetime"/> ago.</summary>
    public sealed record Entry(ApiKey Key, string ClubSlug, DateTimeOffset Until);

    /// <summary>Taken before reading the database, handed back to <see cref="Remember"/>.</summary>
    public long Generation => byPrefix.Generation;

    public Entry? Find(string prefix) => byPrefix.Find(prefix);

    /// <summary>
    /// Keeps a row read while the cache was at <paramref name="readAt"/>; a row read before a revoke that finished
    /// meanwhile is not kept, so it cannot outlive the revoke. Returns the entry either way, for the request that
    /// read the row.
    /// </summary>
    public Entry Remember(string prefix, ApiKey key, string clubSlug, long readAt)
    {
        var entry = new Entry(key, clubSlug, clock.GetUtcNow() + Lifetime);
        byPrefix.Remember(prefix, entry, readAt);
        return entry;
    }

    /// <summary>Forgets a key at once (revoked or changed): the next request presenting it reads the database.</summary>
    public void Forget(string prefix) => byPrefix.Forget(prefix);
}
