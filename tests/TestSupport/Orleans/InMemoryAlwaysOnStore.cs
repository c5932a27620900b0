using System.Collections.Concurrent;

using Cluster.Hosting.Keeping;

namespace Cluster.TestSupport.Orleans;

/// <summary>The always-on registry in the test process's memory, shared by the silos of one <see cref="GrainCluster"/>.</summary>
public sealed class InMemoryAlwaysOnStore : IAlwaysOnStore
{
    private readonly ConcurrentDictionary<string, AlwaysOnEntry> _entries = new(StringComparer.Ordinal);

    public Task AddAsync(AlwaysOnEntry entry, CancellationToken cancellationToken)
    {
        _entries.TryAdd(entry.GrainId, entry);
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string grainId, CancellationToken cancellationToken)
    {
        _entries.TryRemove(grainId, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AlwaysOnEntry>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken)
    {
        bool InRange(uint h) => begin < end ? h > begin && h <= end : begin == end || h > begin || h <= end;
        return Task.FromResult<IReadOnlyList<AlwaysOnEntry>>(_entries.Values.Where(e => InRange(e.Hash)).ToList());
    }
}
