namespace Cluster.Telegram.Accounts.Sessions;

/// <summary>Keeps each account's session blob (encrypted by <see cref="SessionArchive"/>) by account id,
/// so an account can be re-activated on any silo. The cluster database implements it in production.</summary>
public interface ISessionStore
{
    /// <summary>The stored blob, or null when the account has no session yet.</summary>
    Task<byte[]?> LoadAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Stores the blob, replacing the previous one.</summary>
    Task SaveAsync(string accountId, byte[] blob, CancellationToken cancellationToken);

    /// <summary>Forgets the account's session (after a log-out or a revoked session).</summary>
    Task DeleteAsync(string accountId, CancellationToken cancellationToken);
}
