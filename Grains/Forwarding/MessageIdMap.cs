using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Forwarding;

/// <summary>Source message id -> the destination messages made from it, so edits and deletions can be mirrored.
/// Bounded: past <see cref="Capacity"/> source messages the oldest recorded are forgotten (their edits are no longer
/// mirrored). An album of n messages copied as n maps one to one; otherwise every source id maps to all copies.
/// Stored in two parts so a forwarded message does not rewrite the whole map: a snapshot (<see cref="ToEntries"/>),
/// rewritten now and then, and a journal of the source ids changed since (<see cref="ToJournal"/>), small enough to
/// go with every write of the pair; a removal is journaled as an entry without destinations.</summary>
public sealed class MessageIdMap
{
    private readonly Dictionary<long, List<MessageRef>> _map = [];
    private readonly LinkedList<long> _order = new();
    private readonly Dictionary<long, LinkedListNode<long>> _nodes = [];
    private readonly List<long> _journal = [];
    private readonly HashSet<long> _journaled = [];

    /// <summary>Loads a snapshot, then replays a journal over it (replaying a journal the snapshot already holds changes
    /// nothing, so a crash between writing the snapshot and the journal that follows it is harmless). The replayed
    /// entries stay journaled until the next snapshot.</summary>
    public MessageIdMap(int capacity, IEnumerable<MessageIdMapEntry>? snapshot = null, IEnumerable<MessageIdMapEntry>? journal = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        foreach (var entry in snapshot ?? [])
            foreach (var destination in entry.Destinations)
                Add(entry.SourceId, destination);
        foreach (var entry in journal ?? [])
        {
            Journal(entry.SourceId);
            if (entry.Destinations.Count == 0) RemoveCore(entry.SourceId);
            foreach (var destination in entry.Destinations)
                Add(entry.SourceId, destination);
        }
    }

    public int Capacity { get; }

    /// <summary>How many source messages are remembered.</summary>
    public int Count => _map.Count;

    /// <summary>How many source ids changed since the last snapshot.</summary>
    public int JournalCount => _journal.Count;

    /// <summary>Records that <paramref name="sourceIds"/> (one message or an album, in order) became
    /// <paramref name="destinationIds"/> in <paramref name="destinationChatId"/>.</summary>
    public void Record(IReadOnlyList<long> sourceIds, long destinationChatId, IReadOnlyList<long> destinationIds)
    {
        if (sourceIds.Count == destinationIds.Count)
        {
            for (var i = 0; i < sourceIds.Count; i++)
            {
                Journal(sourceIds[i]);
                Add(sourceIds[i], new MessageRef(destinationChatId, destinationIds[i]));
            }
            return;
        }
        foreach (var sourceId in sourceIds)
        {
            Journal(sourceId);
            foreach (var destinationId in destinationIds)
                Add(sourceId, new MessageRef(destinationChatId, destinationId));
        }
    }

    /// <summary>The copies of a source message; empty when unknown or forgotten.</summary>
    public IReadOnlyList<MessageRef> Lookup(long sourceId)
        => _map.TryGetValue(sourceId, out var refs) ? refs.ToArray() : [];

    /// <summary>Forgets a source message (after its deletion was mirrored).</summary>
    public bool Remove(long sourceId)
    {
        if (!RemoveCore(sourceId)) return false;
        Journal(sourceId);
        return true;
    }

    /// <summary>The entries, oldest recorded first: the snapshot the pair stores now and then.</summary>
    public IReadOnlyList<MessageIdMapEntry> ToEntries()
        => _order.Select(id => new MessageIdMapEntry(id, _map[id].ToArray())).ToList();

    /// <summary>The source ids changed since the last snapshot, in the order they were first changed, each with its
    /// copies now (none when it was removed or forgotten): what goes with every write of the pair.</summary>
    public IReadOnlyList<MessageIdMapEntry> ToJournal()
        => _journal.Select(id => new MessageIdMapEntry(id, _map.TryGetValue(id, out var refs) ? refs.ToArray() : [])).ToList();

    /// <summary><see cref="ToEntries"/> in the stored form (<see cref="MessageIdMapPacking"/>).</summary>
    public IReadOnlyList<long> ToPackedEntries()
    {
        var packed = new List<long>(_map.Count * 4);
        foreach (var id in _order) MessageIdMapPacking.Append(packed, id, _map[id]);
        return packed;
    }

    /// <summary><see cref="ToJournal"/> in the stored form (<see cref="MessageIdMapPacking"/>), built without an object
    /// per entry: it goes with every write of the pair.</summary>
    public IReadOnlyList<long> ToPackedJournal()
    {
        var packed = new List<long>(_journal.Count * 4);
        foreach (var id in _journal) MessageIdMapPacking.Append(packed, id, _map.TryGetValue(id, out var refs) ? refs : []);
        return packed;
    }

    /// <summary>The snapshot from <see cref="ToEntries"/> was stored: start a new journal.</summary>
    public void ClearJournal()
    {
        _journal.Clear();
        _journaled.Clear();
    }

    private void Journal(long sourceId)
    {
        if (_journaled.Add(sourceId)) _journal.Add(sourceId);
    }

    private bool RemoveCore(long sourceId)
    {
        if (!_map.Remove(sourceId)) return false;
        _order.Remove(_nodes[sourceId]);
        _nodes.Remove(sourceId);
        return true;
    }

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
            RemoveCore(oldest);
        }
    }
}
