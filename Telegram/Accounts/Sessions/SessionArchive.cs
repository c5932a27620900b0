using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Cluster.Telegram.Accounts.Sessions;

/// <summary>Packs an account's session directory (TDLib's database files) into one encrypted blob and
/// restores it. Blob layout: version byte, 12-byte nonce (new per blob), 16-byte AES-GCM tag, ciphertext
/// of a zip of the files. The account id is authenticated with it, so one account's blob cannot be
/// restored as another's. Pack only a closed session: TDLib writes its files while running.</summary>
public sealed class SessionArchive
{
    /// <summary>The format written by this version; blobs of other versions are refused by name.</summary>
    public const byte FormatVersion = 1;

    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    private readonly byte[] key;
    private readonly HashSet<string> excluded;

    public SessionArchive(IOptions<SessionOptions> options)
        : this(options.Value)
    {
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> naming Telegram:Sessions:EncryptionKey when the key is missing or not 32 bytes.</summary>
    public SessionArchive(SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!SessionOptionsValidator.TryParseKey(options.EncryptionKey, out key, out var error))
        {
            throw new OptionsValidationException(SessionOptions.SectionName, typeof(SessionOptions), [error]);
        }
        excluded = new HashSet<string>(options.ExcludedFolders ?? [], StringComparer.Ordinal);
    }

    /// <summary>A new random key in the form <c>Telegram:Sessions:EncryptionKey</c> takes.</summary>
    public static string GenerateKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Reads every file of <paramref name="sessionDirectory"/> (but the excluded folders) into an encrypted blob.</summary>
    public byte[] Pack(string accountId, string sessionDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var root = new DirectoryInfo(sessionDirectory);
        if (!root.Exists)
        {
            throw new DirectoryNotFoundException($"Session directory of account {accountId} does not exist: {root.FullName}");
        }
        var plain = new MemoryStream();
        using (var zip = new ZipArchive(plain, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in root.EnumerateFiles("*", SearchOption.AllDirectories).OrderBy(f => f.FullName, StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(root.FullName, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
                var top = relative.Split('/')[0];
                if (relative.Contains('/') && excluded.Contains(top))
                {
                    continue;
                }
                var entry = zip.CreateEntry(relative, CompressionLevel.Fastest);
                // TDLib may hold the files open; share access so a read of a closed session never fails on a lingering handle.
                using var source = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var target = entry.Open();
                source.CopyTo(target);
            }
        }
        var plaintext = plain.GetBuffer().AsSpan(0, (int)plain.Length);
        var blob = new byte[HeaderSize + plaintext.Length];
        blob[0] = FormatVersion;
        var nonce = blob.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(HeaderSize), blob.AsSpan(1 + NonceSize, TagSize), AssociatedData(accountId));
        return blob;
    }

    /// <summary>Decrypts and checks the whole blob first, then replaces the contents of
    /// <paramref name="sessionDirectory"/> with its files. Throws <see cref="SessionArchiveException"/>
    /// (and leaves the directory untouched) for a wrong key, an altered blob or another account's blob.</summary>
    public void Restore(string accountId, ReadOnlySpan<byte> blob, string sessionDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        if (blob.Length < HeaderSize)
        {
            throw new SessionArchiveException($"The session blob of account {accountId} is truncated ({blob.Length} bytes).");
        }
        if (blob[0] != FormatVersion)
        {
            throw new SessionArchiveException($"The session blob of account {accountId} has format version {blob[0]}; this build reads version {FormatVersion}.");
        }
        var plaintext = new byte[blob.Length - HeaderSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(blob.Slice(1, NonceSize), blob[HeaderSize..], blob.Slice(1 + NonceSize, TagSize), plaintext, AssociatedData(accountId));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new SessionArchiveException(
                $"The session blob of account {accountId} cannot be decrypted: {SessionOptions.EncryptionKeySetting} is not the key it was written with, " +
                "or the blob was altered or belongs to another account.", ex);
        }

        var root = Path.GetFullPath(sessionDirectory);
        List<(string Path, ZipArchiveEntry Entry)> entries;
        var zip = new ZipArchive(new MemoryStream(plaintext), ZipArchiveMode.Read);
        try
        {
            entries = zip.Entries.Select(e => (Path.GetFullPath(Path.Combine(root, e.FullName)), e)).ToList();
        }
        catch (InvalidDataException ex)
        {
            zip.Dispose();
            throw new SessionArchiveException($"The session blob of account {accountId} decrypts but holds no valid archive.", ex);
        }
        using (zip)
        {
            foreach (var (path, _) in entries)
            {
                if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new SessionArchiveException($"The session blob of account {accountId} names a file outside the session directory.");
                }
            }
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
            Directory.CreateDirectory(root);
            foreach (var (path, entry) in entries)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                entry.ExtractToFile(path, overwrite: true);
            }
        }
    }

    private static byte[] AssociatedData(string accountId) => Encoding.UTF8.GetBytes($"cluster-telegram-session/{FormatVersion}/{accountId}");
}
