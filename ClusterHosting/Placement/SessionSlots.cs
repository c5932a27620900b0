using System.Diagnostics;
using Cluster.Grains.Abstractions.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Hosting.Placement;

/// <summary>This silo's <see cref="SessionCapacityOptions.Capacity"/> session slots and its overflow queue. A freed slot is
/// handed straight to the head of the queue (premium requests first, then in arrival order), so a newcomer cannot take it
/// first. With <see cref="SessionCapacityOptions.PremiumPreemption"/>, a premium request waiting on a full silo recalls
/// the slot of the non-premium holder that got its slot last (it closes its session and waits again, ahead of later
/// arrivals). The rebalancer recalls queued requests and holders to move them to silos with room, and reserves slots for
/// the grains it pulls here.</summary>
public sealed partial class SessionSlots(IOptions<SessionCapacityOptions> options, ILogger<SessionSlots> logger, TimeProvider? time = null) : ISessionSlots
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly SessionCapacityOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly List<Slot> _held = [];
    private readonly List<Slot> _waiting = [];
    private readonly Dictionary<string, (long Sequence, long At)> _preempted = new(StringComparer.Ordinal);
    private readonly List<long> _reservations = [];
    private long _sequence;
    private long _preemptions;
    private long _movesAsked;

    /// <summary>How many sessions this silo may hold.</summary>
    public int Capacity => _options.Capacity;

    /// <summary>Holders recalled so far for a premium account (since start).</summary>
    public long Preemptions => Interlocked.Read(ref _preemptions);

    /// <summary>Slots (held or queued) recalled so far to move to another silo (since start).</summary>
    public long MovesAsked => Interlocked.Read(ref _movesAsked);

    public ISessionSlot Request(string sessionKey, bool premium, Action changed)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);
        ArgumentNullException.ThrowIfNull(changed);
        List<Slot> notify = [];
        Slot slot;
        lock (_gate)
        {
            ForgetOldPreemptions();
            // A holder that gave its slot to a premium account keeps its place: ahead of those that came after it.
            var sequence = _preempted.Remove(sessionKey, out var earlier) ? earlier.Sequence : ++_sequence;
            slot = new Slot(this, sessionKey, premium, sequence, changed);
            if (_waiting.Count == 0 && _held.Count < Capacity) GrantLocked(slot);
            else
            {
                Enqueue(slot);
                PumpLocked(notify);
                if (!slot.IsHeld) LogQueued(sessionKey, premium, _waiting.IndexOf(slot) + 1, _held.Count, Capacity);
            }
            notify.Remove(slot); // its holder looks at IsHeld when this returns
        }
        Notify(notify);
        return slot;
    }

    /// <summary>What this silo holds now, for placement and the rebalancer; holders count as movable once they have held
    /// their slot for <paramref name="settledFor"/>.</summary>
    public SessionLoad Load(TimeSpan settledFor = default)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _reservations.RemoveAll(until => until <= now);
            return new SessionLoad(_held.Count, Capacity)
            {
                Queued = _waiting.Count,
                QueuedPremium = _waiting.Count(s => s.Premium),
                Reserved = _reservations.Count,
                Leaving = _held.Count(s => s.Recall is { Reason: SessionSlotRecallReason.Move }),
                MovableHeld = _held.Count(s => s.Recall is null && _time.GetElapsedTime(s.HeldSince, now) >= settledFor),
            };
        }
    }

    /// <summary>Recalls up to <paramref name="count"/> queued requests from the head of the queue (premium first) to move to
    /// <paramref name="target"/>; they leave the queue at once. Returns how many were recalled.</summary>
    public int RecallQueued(SiloAddress target, int count)
    {
        List<Slot> notify = [];
        var recalled = 0;
        lock (_gate)
        {
            while (recalled < count && _waiting.Count > 0)
            {
                var slot = _waiting[0];
                _waiting.RemoveAt(0);
                slot.Recall = new SessionSlotRecall(SessionSlotRecallReason.Move, target);
                notify.Add(slot);
                recalled++;
            }
            Interlocked.Add(ref _movesAsked, recalled);
            PumpLocked(notify);
        }
        if (recalled > 0) LogRecalledQueued(recalled, target);
        Notify(notify);
        return recalled;
    }

    /// <summary>Recalls up to <paramref name="count"/> holders to move to <paramref name="target"/>: non-premium ones first,
    /// the ones that got their slot last first, never one that got its slot less than <paramref name="settledFor"/> ago (it
    /// just arrived; moving it again would make it bounce). They keep their slot until they dispose it. Returns how many.</summary>
    public int RecallHeld(SiloAddress target, int count, TimeSpan settledFor)
    {
        List<Slot> notify = [];
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var candidates = _held
                .Where(s => s.Recall is null && _time.GetElapsedTime(s.HeldSince, now) >= settledFor)
                .OrderBy(s => s.Premium)
                .ThenByDescending(s => s.HeldSince)
                .Take(Math.Max(0, count))
                .ToList();
            foreach (var slot in candidates)
            {
                slot.Recall = new SessionSlotRecall(SessionSlotRecallReason.Move, target);
                notify.Add(slot);
            }
            Interlocked.Add(ref _movesAsked, notify.Count);
        }
        if (notify.Count > 0) LogRecalledHeld(notify.Count, target);
        Notify(notify);
        return notify.Count;
    }

    /// <summary>Keeps <paramref name="count"/> free slots out of the free count reported to placement for
    /// <paramref name="duration"/>, or until that many slots are handed out: grains pulled here are on their way.</summary>
    public void Reserve(int count, TimeSpan duration)
    {
        lock (_gate)
        {
            var until = _time.GetTimestamp() + (long)(duration.TotalSeconds * _time.TimestampFrequency);
            for (var i = 0; i < count; i++) _reservations.Add(until);
        }
    }

    /// <summary>Gives back reservations that turned out not to be needed.</summary>
    public void Unreserve(int count)
    {
        lock (_gate)
        {
            for (var i = 0; i < count && _reservations.Count > 0; i++) _reservations.RemoveAt(_reservations.Count - 1);
        }
    }

    private void Release(Slot slot)
    {
        List<Slot> notify = [];
        lock (_gate)
        {
            if (!_held.Remove(slot) && !_waiting.Remove(slot)) return;
            if (slot.Recall is { Reason: SessionSlotRecallReason.Preempted })
                _preempted[slot.SessionKey] = (slot.Sequence, _time.GetTimestamp());
            PumpLocked(notify);
        }
        Notify(notify);
    }

    private int PositionOf(Slot slot)
    {
        lock (_gate) return _waiting.IndexOf(slot) + 1;
    }

    private void GrantLocked(Slot slot)
    {
        _held.Add(slot);
        slot.HeldSince = _time.GetTimestamp();
        slot.MarkHeld();
        if (_reservations.Count > 0) _reservations.RemoveAt(0);
    }

    private void Enqueue(Slot slot)
    {
        var at = _waiting.FindIndex(w => Ahead(slot, w));
        if (at < 0) _waiting.Add(slot);
        else _waiting.Insert(at, slot);
    }

    private static bool Ahead(Slot a, Slot b) => a.Premium != b.Premium ? a.Premium : a.Sequence < b.Sequence;

    // Hands free slots to the head of the queue; then, for premium requests still waiting, recalls non-premium holders
    // (one per premium request not already covered by a slot being given back).
    private void PumpLocked(List<Slot> notify)
    {
        while (_held.Count < Capacity && _waiting.Count > 0)
        {
            var head = _waiting[0];
            _waiting.RemoveAt(0);
            GrantLocked(head);
            notify.Add(head);
            LogGranted(head.SessionKey, _held.Count, Capacity);
        }
        if (!_options.PremiumPreemption) return;
        var uncovered = _waiting.Count(s => s.Premium) - _held.Count(s => s.Recall is not null);
        while (uncovered-- > 0)
        {
            var victim = _held.Where(s => !s.Premium && s.Recall is null).MaxBy(s => s.HeldSince);
            if (victim is null) return;
            victim.Recall = new SessionSlotRecall(SessionSlotRecallReason.Preempted, null);
            Interlocked.Increment(ref _preemptions);
            notify.Add(victim);
            LogPreempted(victim.SessionKey);
        }
    }

    // A preempted holder that never asked again (its grain stopped or moved) does not keep its place forever.
    private void ForgetOldPreemptions()
    {
        if (_preempted.Count == 0) return;
        var now = _time.GetTimestamp();
        foreach (var (key, entry) in _preempted.ToList())
            if (_time.GetElapsedTime(entry.At, now) > _options.PreemptedPlaceKept) _preempted.Remove(key);
    }

    private void Notify(List<Slot> slots)
    {
        foreach (var slot in slots.Distinct())
        {
            try { slot.Changed(); }
            catch (Exception e) { LogNotifyFailed(slot.SessionKey, e); }
        }
    }

    private sealed class Slot(SessionSlots owner, string sessionKey, bool premium, long sequence, Action changed) : ISessionSlot
    {
        private int _held;
        private int _disposed;
        private volatile SessionSlotRecall? _recall;

        public string SessionKey { get; } = sessionKey;
        public bool Premium { get; } = premium;
        public long Sequence { get; } = sequence;
        public Action Changed { get; } = changed;
        public long HeldSince { get; set; }
        public bool IsHeld => Volatile.Read(ref _held) == 1 && Volatile.Read(ref _disposed) == 0;
        public int QueuePosition => IsHeld || _recall is not null || Volatile.Read(ref _disposed) == 1 ? 0 : owner.PositionOf(this);

        public SessionSlotRecall? Recall
        {
            get => _recall;
            set => _recall = value;
        }

        public void MarkHeld() => Volatile.Write(ref _held, 1);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            owner.Release(this);
        }

        public override string ToString() => $"{SessionKey} ({(IsHeld ? "held" : "waiting")}{(Premium ? ", premium" : "")})";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionKey} waits for a slot (premium: {Premium}, place {Position}; {Held}/{Capacity} held)")]
    private partial void LogQueued(string sessionKey, bool premium, int position, int held, int capacity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionKey} got a freed slot ({Held}/{Capacity} held)")]
    private partial void LogGranted(string sessionKey, int held, int capacity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionKey} gives its slot to a waiting premium account")]
    private partial void LogPreempted(string sessionKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} queued sessions asked to move to {Target}")]
    private partial void LogRecalledQueued(int count, SiloAddress target);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} sessions asked to move to {Target} to even out the load")]
    private partial void LogRecalledHeld(int count, SiloAddress target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionKey} could not be told of its slot")]
    private partial void LogNotifyFailed(string sessionKey, Exception exception);
}
