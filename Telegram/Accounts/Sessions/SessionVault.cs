namespace Cluster.Telegram.Accounts.Sessions;

/// <summary>Moves an account's session between its local directory and the <see cref="ISessionStore"/>:
/// restore before the account client starts, save after it has closed (or after a log-in).</summary>
public sealed class SessionVault(ISessionStore store, SessionArchive archive)
{
    /// <summary>Restores the stored session into <paramref name="sessionDirectory"/>; returns false (and leaves
    /// an empty directory) when the account has none. A blob that cannot be read throws <see cref="SessionArchiveException"/>.</summary>
    public async Task<bool> RestoreAsync(string accountId, string sessionDirectory, CancellationToken cancellationToken)
    {
        var blob = await store.LoadAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (blob is null)
        {
            if (Directory.Exists(sessionDirectory))
            {
                Directory.Delete(sessionDirectory, recursive: true);
            }
            Directory.CreateDirectory(sessionDirectory);
            return false;
        }
        archive.Restore(accountId, blob, sessionDirectory);
        return true;
    }

    /// <summary>Packs <paramref name="sessionDirectory"/> and stores it for the account.</summary>
    public Task SaveAsync(string accountId, string sessionDirectory, CancellationToken cancellationToken) =>
        store.SaveAsync(accountId, archive.Pack(accountId, sessionDirectory), cancellationToken);

    /// <summary>Forgets the stored session.</summary>
    public Task DeleteAsync(string accountId, CancellationToken cancellationToken) => store.DeleteAsync(accountId, cancellationToken);
}
