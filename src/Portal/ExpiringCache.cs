using System.Collections.Concurrent;

namespace Portal;

/// <summary>
/// Values read from the database, kept per key for <see cref="Lifetime"/>. A read races with a change: the caller takes
/// <see cref="Generation"/> before reading and hands it to <see cref="Remember"/>, which drops the value if a
/// <see cref="Forget"/> happened meanwhile, so a value read before a change cannot outlive it in this process.
/// Another process's change reaches this one when the entry expires.
/// </summary>
public sealed class ExpiringCache<TKey, TValue>(TimeProvider clock, TimeSpan lifetime, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<TKey, (TValue Value, DateTimeOffset Until)> entries = new(comparer);
    private long generation;

    public TimeSpan Lifetime => lifetime;

    /// <summary>Taken before reading the database, handed back to <see cref="Remember"/>.</summary>
    public long Generation => Interlocked.Read(ref generation);

    public TValue? Find(TKey key) =>
        entries.TryGetValue(key, out var entry) && entry.Until > clock.GetUtcNow() ? entry.Value : null;

    /// <summary>Keeps a value read while the cache was at <paramref name="readAt"/>, unless something was forgotten since.</summary>
    public void Remember(TKey key, TValue value, long readAt)
    {
        var entry = (value, clock.GetUtcNow() + lifetime);
        entries[key] = entry;
        if (Generation != readAt)
        {
            entries.TryRemove(KeyValuePair.Create(key, entry));
        }
    }

    /// <summary>Forgets a key at once: the next <see cref="Find"/> misses and reads the database again.</summary>
    public void Forget(TKey key)
    {
        Interlocked.Increment(ref generation);
        entries.TryRemove(key, out _);
    }
}
