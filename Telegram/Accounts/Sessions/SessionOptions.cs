namespace Cluster.Telegram.Accounts.Sessions;

/// <summary>Settings of session storage, bound from the configuration section <c>Telegram:Sessions</c>.</summary>
public sealed class SessionOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Telegram:Sessions";

    /// <summary>The full name of the key setting, for error messages.</summary>
    public const string EncryptionKeySetting = SectionName + ":EncryptionKey";

    /// <summary>AES-256 key for session blobs: 32 random bytes in base64 (e.g. `openssl rand -base64 32`); required, no default.
    /// A secret: never log it. Changing it makes stored sessions unreadable.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>Top-level folders of a session directory left out of the blob; default "files" (TDLib's downloads, re-downloadable).</summary>
    public IList<string> ExcludedFolders { get; set; } = ["files"];
}
