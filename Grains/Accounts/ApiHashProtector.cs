using System.Security.Cryptography;
using System.Text;
using Cluster.Telegram.Accounts.Sessions;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Accounts;

/// <summary>Encrypts an account's api_hash for its stored state with the session key (<c>Telegram:Sessions:EncryptionKey</c>),
/// AES-GCM with the account id authenticated, so a database dump shows neither the hash nor lets one account's be moved
/// to another. Format: base64 of nonce (12) | tag (16) | ciphertext.</summary>
public sealed class ApiHashProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _key;

    public ApiHashProtector(IOptions<SessionOptions> options)
    {
        if (!SessionOptionsValidator.TryParseKey(options.Value.EncryptionKey, out _key, out var error))
            throw new OptionsValidationException(SessionOptions.SectionName, typeof(SessionOptions), [error]);
    }

    public string Protect(string accountId, string apiHash)
    {
        var plain = Encoding.UTF8.GetBytes(apiHash);
        var blob = new byte[NonceSize + TagSize + plain.Length];
        var nonce = blob.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), AssociatedData(accountId));
        return Convert.ToBase64String(blob);
    }

    /// <summary>The api_hash; throws <see cref="CryptographicException"/> for another key, another account or altered data.</summary>
    public string Unprotect(string accountId, string protectedHash)
    {
        var blob = Convert.FromBase64String(protectedHash);
        if (blob.Length < NonceSize + TagSize) throw new CryptographicException($"The stored api_hash of account {accountId} is truncated.");
        var plain = new byte[blob.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), plain, AssociatedData(accountId));
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] AssociatedData(string accountId) => Encoding.UTF8.GetBytes($"cluster-account-api-hash/1/{accountId}");
}
