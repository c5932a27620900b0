namespace Cluster.Grains.Accounts;

/// <summary>The account's Telegram session (the adapter's session directory packed and encrypted by
/// <c>SessionArchive</c>), kept as a second named state of the account grain so its writes are fenced by the same
/// epoch as the rest: a stale activation can never overwrite the session of the live one.</summary>
public sealed record AccountSessionState
{
    /// <summary>The encrypted session blob; null before the first log-in.</summary>
    public byte[]? Blob { get; init; }

    public DateTimeOffset? SavedAt { get; init; }
}
