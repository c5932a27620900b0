using System.Collections.Concurrent;

namespace Cluster.Telegram.Accounts.Sessions;

/// <summary>A session store in process memory: for tests and single-process runs; sessions are lost when
/// the process ends.</summary>
public sealed class InMemorySessionStore : ISessionStore
{
    private readonly ConcurrentDictionary<string, byte[]> blobs = new(StringComparer.Ordinal);

    public Task<byte[]?> LoadAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult(blobs.TryGetValue(accountId, out var blob) ? (byte[]?)blob.ToArray() : null);

    public Task SaveAsync(string accountId, byte[] blob, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        blobs[accountId] = blob.ToArray();
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string accountId, CancellationToken cancellationToken)
    {
        blobs.TryRemove(accountId, out _);
        return Task.CompletedTask;
    }
}
