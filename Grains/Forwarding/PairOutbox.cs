using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Forwarding;

/// <summary>The ordered queue of a pair's operations: one at a time from the head, so destinations see the source
/// order. New messages are kept in source id order (a late gap fill goes before newer messages not yet started, and
/// before edits and deletions queued among them), edits and deletions in arrival order; past-mode messages after live ones. Edits and deletions of messages still
/// queued change the queue instead of adding operations; album parts that arrive apart join their album.</summary>
public sealed class PairOutbox
{
    private readonly List<PendingOperation> _operations;
    // ForStorage's smallest-id-to-the-end per tail position, kept between writes (the pair writes once per message).
    private long[] _suffixMin = [];
    private long _nextSequence;

    public PairOutbox(IEnumerable<PendingOperation>? operations = null)
    {
        _operations = operations?.ToList() ?? [];
        _nextSequence = _operations.Count == 0 ? 1 : _operations.Max(o => o.Sequence) + 1;
    }

    public int Count => _operations.Count;

    /// <summary>How many queued operations came from past mode.</summary>
    public int PastCount => _operations.Count(o => o.IsPast);

    /// <summary>The operations in order: what the pair stores.</summary>
    public IReadOnlyList<PendingOperation> ToList() => _operations.ToArray();

    /// <summary>What the pair stores of its queue: every operation except the new live messages at its tail that no send
    /// has touched yet and whose source ids are above every id forwarded, in flight (<paramref name="checkpoint"/>) or
    /// queued before them. Those are left out, and <see cref="FirstUnstoredId"/> names the first of them so the stored
    /// checkpoint forgets them as well (<see cref="ForwardCheckpoint.ForgetFrom"/>): after a crash the next activation
    /// fetches them again from the history, in order, so a burst of n messages is not written n times.</summary>
    public (IReadOnlyList<PendingOperation> Stored, long? FirstUnstoredId, int UnstoredMessages) ForStorage(ForwardCheckpoint checkpoint)
    {
        var start = _operations.Count;
        while (start > 0 && _operations[start - 1] is { Kind: PendingOperationKind.New, IsPast: false, IsStarted: false }) start--;
        if (start == _operations.Count) return (ToList(), null, 0);
        var floor = Math.Max(checkpoint.LastForwardedId, checkpoint.InFlight is { SourceIds.Count: > 0 } f ? f.SourceIds.Max() : 0);
        for (var i = 0; i < start; i++) floor = Math.Max(floor, MaxId(_operations[i]));
        // The tail left out must lie wholly above the floor (every id before it): the smallest id from each tail position to
        // the end, computed once from the back (a buffer kept between writes, so this allocates nothing); then the tail
        // shrinks from its front, each operation kept raising the floor, until what is left lies above it.
        var tail = _operations.Count - start;
        if (_suffixMin.Length <= tail) _suffixMin = new long[Math.Max(tail + 1, 2 * _suffixMin.Length)];
        _suffixMin[tail] = long.MaxValue;
        for (var i = _operations.Count - 1; i >= start; i--) _suffixMin[i - start] = Math.Min(_suffixMin[i - start + 1], MinId(_operations[i]));
        for (var i = start; i < _operations.Count; i++)
        {
            if (_suffixMin[i - start] > floor)
            {
                var unstoredMessages = 0;
                for (var k = i; k < _operations.Count; k++) unstoredMessages += _operations[k].Messages.Count;
                return (_operations.GetRange(0, i).ToArray(), _suffixMin[i - start], unstoredMessages);
            }
            floor = Math.Max(floor, MaxId(_operations[i]));
        }
        return (ToList(), null, 0);
    }

    /// <summary>Queues a new message or album, ready <paramref name="delay"/> after <paramref name="receivedAt"/>.</summary>
    public void EnqueueNew(IReadOnlyList<SourceMessage> unit, DateTimeOffset receivedAt, TimeSpan delay, bool isPast = false)
    {
        if (unit.Count == 0) return;
        var ordered = unit.OrderBy(m => m.Id).ToList();
        if (ordered[0].IsInAlbum)
        {
            var index = _operations.FindIndex(o => o.Kind == PendingOperationKind.New && !o.IsStarted && o.IsPast == isPast
                && o.Messages[0].MediaAlbumId == ordered[0].MediaAlbumId);
            if (index >= 0)
            {
                var album = _operations[index];
                var merged = album.Messages.Concat(ordered.Where(m => album.Messages.All(x => x.Id != m.Id))).OrderBy(m => m.Id).ToList();
                _operations[index] = album with { Messages = merged };
                return;
            }
        }
        var operation = new PendingOperation(_nextSequence++, PendingOperationKind.New, ordered, [], receivedAt, receivedAt + delay, [], 0, isPast);
        var position = _operations.Count;
        if (!isPast)
        {
            // Go before every unstarted newer message and past-mode one (past mode only fills in history), also when an
            // edit or a deletion was queued between them: a gap fill arrives late, after later messages and after edits and
            // deletions of messages already copied, and must still reach the destinations before the later messages. It
            // lands just before the oldest newer message it passes, so edits and deletions keep their order among
            // themselves; it never passes a started operation, an older message, or an edit or a deletion of its own ids.
            for (var scan = _operations.Count; scan > 0 && CanPass(_operations[scan - 1], operation); scan--)
            {
                if (_operations[scan - 1].Kind == PendingOperationKind.New) position = scan - 1;
            }
        }
        _operations.Insert(position, operation);
    }

    /// <summary>Whether a new live message may be queued ahead of <paramref name="queued"/>.</summary>
    private static bool CanPass(PendingOperation queued, PendingOperation message)
    {
        if (queued.IsStarted) return false;
        if (queued.Kind == PendingOperationKind.New) return queued.IsPast || queued.FirstSourceId > message.FirstSourceId;
        for (var i = 0; i < message.Messages.Count; i++)
        {
            var id = message.Messages[i].Id;
            if (IndexOf(queued.Messages, id) >= 0 || queued.DeletedIds.Contains(id)) return false;
        }
        return true;
    }

    /// <summary>Applies an edit to a queued, unstarted copy of the message; false when it is not queued
    /// (then the edit must be mirrored with <see cref="EnqueueEdit"/>).</summary>
    public bool TryApplyEdit(SourceMessage edited)
    {
        for (var i = 0; i < _operations.Count; i++)
        {
            var o = _operations[i];
            if (o.Kind != PendingOperationKind.New || o.IsStarted) continue;
            var at = IndexOf(o.Messages, edited.Id);
            if (at < 0) continue;
            var messages = o.Messages.ToArray();
            // The edit replaces the text, not the moment the message arrived (its forward latency counts from that).
            messages[at] = edited with { ArrivedAt = messages[at].ArrivedAt ?? edited.ArrivedAt };
            _operations[i] = o with { Messages = messages };
            return true;
        }
        return false;
    }

    /// <summary>Whether a new message or album holding <paramref name="sourceId"/> is queued with its send begun.</summary>
    public bool HasStarted(long sourceId)
    {
        foreach (var o in _operations)
            if (o is { Kind: PendingOperationKind.New, IsStarted: true } && IndexOf(o.Messages, sourceId) >= 0) return true;
        return false;
    }

    /// <summary>Queues the mirroring of an edit; a queued, unstarted edit of the same message is replaced.</summary>
    public void EnqueueEdit(SourceMessage edited, DateTimeOffset receivedAt)
    {
        var index = _operations.FindIndex(o => o.Kind == PendingOperationKind.Edit && !o.IsStarted && o.Messages[0].Id == edited.Id);
        if (index >= 0)
        {
            _operations[index] = _operations[index] with { Messages = [edited] };
            return;
        }
        _operations.Add(new PendingOperation(_nextSequence++, PendingOperationKind.Edit, [edited], [], receivedAt, receivedAt, [], 0, false));
    }

    /// <summary>Removes deleted messages from queued, unstarted operations (dropping emptied ones and their pending
    /// edits); returns the ids that were not only queued and must be deleted at the destinations.</summary>
    public IReadOnlyList<long> TryApplyDelete(IReadOnlyList<long> deletedIds)
    {
        var remaining = new List<long>();
        foreach (var id in deletedIds.Distinct())
        {
            var removedQueued = false;
            for (var i = _operations.Count - 1; i >= 0; i--)
            {
                var o = _operations[i];
                if (o.IsStarted || o.Kind == PendingOperationKind.Delete || IndexOf(o.Messages, id) < 0) continue;
                if (o.Kind == PendingOperationKind.Edit) { _operations.RemoveAt(i); continue; }
                var left = o.Messages.Where(m => m.Id != id).ToList();
                if (left.Count == 0) _operations.RemoveAt(i);
                else _operations[i] = o with { Messages = left };
                removedQueued = true;
            }
            if (!removedQueued) remaining.Add(id);
        }
        return remaining;
    }

    /// <summary>Queues the mirroring of a deletion.</summary>
    public void EnqueueDelete(IReadOnlyList<long> deletedIds, DateTimeOffset receivedAt)
    {
        if (deletedIds.Count == 0) return;
        _operations.Add(new PendingOperation(_nextSequence++, PendingOperationKind.Delete, [], deletedIds.ToArray(), receivedAt, receivedAt, [], 0, false));
    }

    /// <summary>The head operation, if it is due at <paramref name="now"/>. Later operations wait behind an undue
    /// head (a delayed message), which is what keeps the order.</summary>
    public PendingOperation? PeekReady(DateTimeOffset now)
        => _operations.Count > 0 && _operations[0].ReadyAt <= now ? _operations[0] : null;

    /// <summary>When the head becomes due; null when the queue is empty.</summary>
    public DateTimeOffset? NextReadyAt => _operations.Count > 0 ? _operations[0].ReadyAt : null;

    /// <summary>Replaces the head with an updated copy (destinations done, attempts).</summary>
    public void UpdateHead(PendingOperation head)
    {
        if (_operations.Count == 0 || _operations[0].Sequence != head.Sequence)
            throw new InvalidOperationException($"Operation {head.Sequence} is not at the head of the queue.");
        _operations[0] = head;
    }

    /// <summary>Removes the head once it is done (or given up).</summary>
    public PendingOperation RemoveHead()
    {
        if (_operations.Count == 0) throw new InvalidOperationException("The queue is empty.");
        var head = _operations[0];
        _operations.RemoveAt(0);
        return head;
    }

    /// <summary>Drops every queued past-mode operation that has not started (past mode stopped).</summary>
    public int RemovePast() => _operations.RemoveAll(o => o.IsPast && !o.IsStarted);

    private static long MaxId(PendingOperation operation)
    {
        // Index loops: this runs over the whole queue with every write, and an interface enumerator allocates.
        var max = 0L;
        for (var i = 0; i < operation.Messages.Count; i++) max = Math.Max(max, operation.Messages[i].Id);
        for (var i = 0; i < operation.DeletedIds.Count; i++) max = Math.Max(max, operation.DeletedIds[i]);
        return max;
    }

    private static long MinId(PendingOperation operation)
    {
        var min = long.MaxValue;
        for (var i = 0; i < operation.Messages.Count; i++) min = Math.Min(min, operation.Messages[i].Id);
        return min;
    }

    private static int IndexOf(IReadOnlyList<SourceMessage> messages, long id)
    {
        for (var i = 0; i < messages.Count; i++)
            if (messages[i].Id == id) return i;
        return -1;
    }
}
