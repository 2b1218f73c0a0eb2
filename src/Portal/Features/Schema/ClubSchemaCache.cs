using System.Collections.Concurrent;
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
    public TimeSpan Lifetime { get; } = options.Value.ClubSchemaCacheLifetime;

    private readonly ConcurrentDictionary<int, Entry> byClub = new();
    private long generation;

    private sealed record Entry(ClubSchema Schema, DateTimeOffset Until);

    /// <summary>Taken before reading the database, handed back to <see cref="Remember"/>.</summary>
    public long Generation => Interlocked.Read(ref generation);

    public ClubSchema? Find(int clubId) =>
        byClub.TryGetValue(clubId, out var entry) && entry.Until > clock.GetUtcNow() ? entry.Schema : null;

    /// <summary>
    /// Keeps a schema read while the cache was at <paramref name="readAt"/>; one read before a change that was forgotten
    /// meanwhile is dropped, so it cannot outlive the change.
    /// </summary>
    public void Remember(ClubSchema schema, long readAt)
    {
        var entry = new Entry(schema, clock.GetUtcNow() + Lifetime);
        byClub[schema.ClubId] = entry;
        if (Generation != readAt)
        {
            byClub.TryRemove(KeyValuePair.Create(schema.ClubId, entry));
        }
    }

    /// <summary>Forgets a club's schema at once (a property, a consent or the club changed).</summary>
    public void Forget(int clubId)
    {
        Interlocked.Increment(ref generation);
        byClub.TryRemove(clubId, out _);
    }
}
