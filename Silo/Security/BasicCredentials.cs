using System.Security.Cryptography;
using System.Text;

namespace Cluster.Silo.Security;

/// <summary>Checks an <c>Authorization: Basic ...</c> header against the configured user name and password in
/// constant time: both sides are hashed first, so neither the content nor the length leaks through timing.</summary>
public sealed class BasicCredentials(string username, string password)
{
    private readonly byte[] _expected = Digest(username, password);

    /// <summary>Whether the header carries exactly the configured credentials.</summary>
    public bool Matches(string? authorizationHeader)
    {
        if (string.IsNullOrEmpty(authorizationHeader) || !authorizationHeader.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorizationHeader[6..].Trim())); }
        catch (FormatException) { return false; }
        var colon = decoded.IndexOf(':');
        if (colon < 0) return false;
        return CryptographicOperations.FixedTimeEquals(Digest(decoded[..colon], decoded[(colon + 1)..]), _expected);
    }

    private static byte[] Digest(string username, string password)
    {
        var user = SHA256.HashData(Encoding.UTF8.GetBytes(username));
        var pass = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        return [.. user, .. pass];
    }
}
