namespace Cluster.Telegram.Accounts.Sessions;

/// <summary>A session blob cannot be restored: wrong key, altered or truncated data, another account's
/// blob, or an unknown format version. The session is never silently replaced by an empty one.</summary>
public sealed class SessionArchiveException(string message, Exception? inner = null) : Exception(message, inner);
