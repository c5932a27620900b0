using Cluster.Grains.Forwarding;

namespace Cluster.Grains.Pairs;

/// <summary>The stored snapshot of a pair's source -> destination id map (state "idmap"), rewritten every
/// <see cref="ForwardingOptions.MessageIdMapSnapshotInterval"/> changes; the changes since ride with the pair's state.</summary>
public sealed record PairIdMapState
{
    /// <summary>The entries as objects, how earlier versions wrote them; read before <see cref="Packed"/>, written empty.</summary>
    public IReadOnlyList<MessageIdMapEntry> Entries { get; init; } = [];

    /// <summary>The entries, oldest recorded first, packed (<see cref="MessageIdMapPacking"/>): what is written.</summary>
    public IReadOnlyList<long> Packed { get; init; } = [];
}
