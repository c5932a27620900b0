using Cluster.Grains.Diagnostics;

namespace Cluster.Grains.Guard;

/// <summary>Membership answers (is this user in that chat / an admin of it) kept in a group grain's memory with jittered TTLs,
/// counting hits and misses.</summary>
/// <remarks>Positive answers live long (a subscriber rarely leaves, and leaving arrives as an update that corrects the entry);
/// negative ones short, so a user who just joined is believed soon. Jitter keeps a burst of joins from expiring in one burst.</remarks>
public sealed class MembershipCache(GuardOptions options, TimeProvider time, Random? random = null)
{
    private readonly Dictionary<(long Chat, long User), (bool Value, DateTimeOffset Expires)> _entries = [];
    private readonly Random _random = random ?? Random.Shared;

    public long Hits { get; private set; }
    public long Misses { get; private set; }
    public int Count => _entries.Count;

    /// <summary>The cached answer, or null (a miss) when there is none or it expired.</summary>
    public bool? Get(long chatId, long userId)
    {
        if (_entries.TryGetValue((chatId, userId), out var entry) && entry.Expires > time.GetUtcNow())
        {
            Hits++;
            GrainMetrics.GuardCacheHits.Add(1);
            return entry.Value;
        }
        Misses++;
        GrainMetrics.GuardCacheMisses.Add(1);
        return null;
    }

    public void Set(long chatId, long userId, bool value)
    {
        if (_entries.Count >= options.CacheCapacity) Trim();
        _entries[(chatId, userId)] = (value, time.GetUtcNow() + Ttl(value));
    }

    public void Invalidate(long chatId, long userId) => _entries.Remove((chatId, userId));

    /// <summary>The TTL an answer gets: positive or negative TTL times a factor in [1 - jitter, 1 + jitter].</summary>
    public TimeSpan Ttl(bool value)
    {
        var ttl = value ? options.PositiveCacheTtl : options.NegativeCacheTtl;
        return ttl * (1 + options.CacheTtlJitter * (2 * _random.NextDouble() - 1));
    }

    private void Trim()
    {
        var now = time.GetUtcNow();
        foreach (var key in _entries.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList()) _entries.Remove(key);
        if (_entries.Count >= options.CacheCapacity)
            foreach (var key in _entries.OrderBy(e => e.Value.Expires).Take(_entries.Count / 10 + 1).Select(e => e.Key).ToList()) _entries.Remove(key);
    }
}
