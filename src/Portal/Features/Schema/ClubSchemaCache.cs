using Microsoft.Extensions.Options;

namespace Portal.Features.Schema;

/// <summary>
/// Each club's member schema as read lately, for <see cref="Lifetime"/> (<c>Portal:ClubSchemaCacheLifetime</c>, 10 s by
/// default): show and create member read it on every request, and reading it took three statements each time
/// (bench/RESULTS.md, "Why the misses"). Every schema write in <see cref="ClubSchemaService"/> forgets the club's entry
/// after it commits, so the next read in this process sees the change; a change made by another instance reaches this
/// one when the entry expires.
/// </summary>
public sealed class ClubSchemaCache(TimeProvider clock, IOptions<PortalOptions> options)
{
    private readonly ExpiringCache<int, ClubSchema> byClub = new(clock, options.Value.ClubSchemaCacheLifetime);

    public TimeSpan Lifetime => byClub.Lifetime;

    /// <summary>Taken before reading the database, handed back to <see cref="Remember"/>.</summary>
    public long Generation => byClub.Generation;

    public ClubSchema? Find(int clubId) => byClub.Find(clubId);

    /// <summary>
    /// Keeps a schema read while the cache was at <paramref name="readAt"/>; one read before a change that was forgotten
    /// meanwhile is dropped, so it cannot outlive the change.
    /// </summary>
    public void Remember(ClubSchema schema, long readAt) => byClub.Remember(schema.ClubId, schema, readAt);

    /// <summary>Forgets a club's schema at once (a property, a consent or the club changed).</summary>
    public void Forget(int clubId) => byClub.Forget(clubId);
}
