using System.Security.Cryptography;
using System.Text;

namespace Cluster.Grains.Diagnostics;

/// <summary>Makes an operator-chosen id (account, pair) safe as a metric label: ids are free text, and an operator may
/// well name an account after its phone number, which must not reach Prometheus or a dashboard.</summary>
public static class MetricLabels
{
    /// <summary>Ids with this many digits or more could be a phone number.</summary>
    public const int PhoneLikeDigits = 7;

    /// <summary>Longest label kept as it is; longer ids are hashed too.</summary>
    public const int MaxLength = 64;

    /// <summary>The id itself, or "id-" and 12 hex digits of its SHA-256 when it could hold a phone number (7 digits or
    /// more) or is too long. The hash is stable, so the series survives restarts.</summary>
    public static string Id(string id)
    {
        var digits = 0;
        foreach (var c in id)
            if (char.IsAsciiDigit(c)) digits++;
        if (digits < PhoneLikeDigits && id.Length <= MaxLength) return id;
        return "id-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..12];
    }
}
