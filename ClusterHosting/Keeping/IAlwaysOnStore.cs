namespace Cluster.Hosting.Keeping;

/// <summary>The always-on registry's rows in the cluster database. Each keeper reads only its own range of the ring,
/// so the registry holds tens of thousands of grains without a full-table read per tick.</summary>
public interface IAlwaysOnStore
{
    /// <summary>Adds the entry (no-op when present).</summary>
    Task AddAsync(AlwaysOnEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes the grain (no-op when absent).</summary>
    Task RemoveAsync(string grainId, CancellationToken cancellationToken);

    /// <summary>The entries whose hash lies in the ring range (<paramref name="begin"/>, <paramref name="end"/>]; when
    /// <paramref name="begin"/> &gt;= <paramref name="end"/> the range wraps past <see cref="uint.MaxValue"/>
    /// (and begin == end is the whole ring), as Orleans' <c>SingleRange</c>.</summary>
    Task<IReadOnlyList<AlwaysOnEntry>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken);
}
