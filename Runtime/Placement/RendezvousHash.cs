using System.Text;

namespace Cluster.Runtime.Placement;

/// <summary>Rendezvous (highest random weight) hashing: each key goes to the candidate with the highest
/// hash of (key, candidate). Stable across processes, and when a candidate leaves only its keys move.</summary>
public static class RendezvousHash
{
    /// <summary>The candidate that owns <paramref name="key"/>, or default when there are none.</summary>
    public static T? Pick<T>(string key, IEnumerable<T> candidates, Func<T, string> idOf)
    {
        var keyHash = Hash(key, 0xcbf29ce484222325UL);
        T? best = default;
        var bestWeight = 0UL;
        var found = false;
        foreach (var candidate in candidates)
        {
            var weight = Mix(Hash(idOf(candidate), keyHash));
            if (!found || weight > bestWeight || (weight == bestWeight && string.CompareOrdinal(idOf(candidate), idOf(best!)) < 0))
            {
                best = candidate;
                bestWeight = weight;
                found = true;
            }
        }
        return best;
    }

    /// <summary>FNV-1a over the UTF-8 bytes, seeded: stable across runs (unlike string.GetHashCode).</summary>
    private static ulong Hash(string value, ulong seed)
    {
        var hash = seed;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(value) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(value, buffer)] : Encoding.UTF8.GetBytes(value);
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= 0x100000001b3UL;
        }
        return hash;
    }

    // The 64-bit finaliser of MurmurHash3: spreads FNV's weak low bits so weights compare fairly.
    private static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }
}
