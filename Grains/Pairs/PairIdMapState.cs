using Cluster.Grains.Forwarding;

namespace Cluster.Grains.Pairs;

/// <summary>The stored snapshot of a pair's source -> destination id map (state "idmap"), rewritten every
/// <see cref="ForwardingOptions.MessageIdMapSnapshotInterval"/> changes; the changes since ride with the pair's state.</summary>
public sealed record PairIdMapState
{
    public IReadOnlyList<MessageIdMapEntry> Entries { get; init; } = [];
}
