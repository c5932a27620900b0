using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Forwarding;

/// <summary>Source message id -> the destination messages made from it, so edits and deletions can be mirrored.
/// Bounded: past <see cref="Capacity"/> source messages the oldest recorded are forgotten (their edits are no longer
/// mirrored). An album of n messages copied as n maps one to one; otherwise every source id maps to all copies.</summary>
public sealed class MessageIdMap
{
    private readonly Dictionary<long, List<MessageRef>> _map = [];
    private readonly LinkedList<long> _order = new();
    private readonly Dictionary<long, LinkedListNode<long>> _nodes = [];

    public MessageIdMap(int capacity, IEnumerable<MessageIdMapEntry>? entries = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        if (entries is null) return;
        foreach (var entry in entries)
            foreach (var destination in entry.Destinations)
                Add(entry.SourceId, destination);
    }

    public int Capacity { get; }

    /// <summary>How many source messages are remembered.</summary>
    public int Count => _map.Count;

    /// <summary>Records that <paramref name="sourceIds"/> (one message or an album, in order) became
    /// <paramref name="destinationIds"/> in <paramref name="destinationChatId"/>.</summary>
    public void Record(IReadOnlyList<long> sourceIds, long destinationChatId, IReadOnlyList<long> destinationIds)
    {
        if (sourceIds.Count == destinationIds.Count)
        {
            for (var i = 0; i < sourceIds.Count; i++)
                Add(sourceIds[i], new MessageRef(destinationChatId, destinationIds[i]));
            return;
        }
        foreach (var sourceId in sourceIds)
            foreach (var destinationId in destinationIds)
                Add(sourceId, new MessageRef(destinationChatId, destinationId));
    }

    /// <summary>The copies of a source message; empty when unknown or forgotten.</summary>
    public IReadOnlyList<MessageRef> Lookup(long sourceId)
        => _map.TryGetValue(sourceId, out var refs) ? refs.ToArray() : [];

    /// <summary>Forgets a source message (after its deletion was mirrored).</summary>
    public bool Remove(long sourceId)
    {
        if (!_map.Remove(sourceId)) return false;
        _order.Remove(_nodes[sourceId]);
        _nodes.Remove(sourceId);
        return true;
    }

    /// <summary>The entries, oldest recorded first: what the pair stores in its state.</summary>
    public IReadOnlyList<MessageIdMapEntry> ToEntries()
        => _order.Select(id => new MessageIdMapEntry(id, _map[id].ToArray())).ToList();

    private void Add(long sourceId, MessageRef destination)
    {
        if (_map.TryGetValue(sourceId, out var refs))
        {
            if (!refs.Contains(destination)) refs.Add(destination);
            return;
        }
        _map[sourceId] = [destination];
        _nodes[sourceId] = _order.AddLast(sourceId);
        while (_map.Count > Capacity)
        {
            var oldest = _order.First!.Value;
            Remove(oldest);
        }
    }
}
