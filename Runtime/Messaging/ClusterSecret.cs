using System.Security.Cryptography;
using System.Text;

namespace Cluster.Runtime.Messaging;

/// <summary>The cluster secret, compared in constant time; never logged.</summary>
public sealed class ClusterSecret(string secret)
{
    private readonly byte[] _bytes = Encoding.UTF8.GetBytes(secret);

    public string Value { get; } = secret;

    public bool Matches(string? candidate)
    {
        if (candidate is null) return false;
        var max = Encoding.UTF8.GetMaxByteCount(candidate.Length);
        Span<byte> buffer = max <= 256 ? stackalloc byte[max] : new byte[max];
        var length = Encoding.UTF8.GetBytes(candidate, buffer);
        return CryptographicOperations.FixedTimeEquals(buffer[..length], _bytes);
    }

    public override string ToString() => "***";
}
