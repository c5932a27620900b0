using System.Collections.Concurrent;

namespace Cluster.AdminBot.Access;

/// <summary>Refused users remembered by this process only (tests and the command line, which refuses nobody).</summary>
public sealed class InMemoryRefusalBook : IRefusalBook
{
    private readonly ConcurrentDictionary<long, bool> _refused = new();

    public Task<bool> MarkRefusedAsync(long userId, CancellationToken cancellationToken) => Task.FromResult(_refused.TryAdd(userId, true));
}
