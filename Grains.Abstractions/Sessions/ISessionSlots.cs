namespace Cluster.Grains.Abstractions.Sessions;

/// <summary>This silo's session slots: each silo holds at most a configured number of Telegram sessions (each costs tens
/// of MB). A grain about to open a session asks for a slot; when none is free it waits in the silo's queue (premium first,
/// then in arrival order) and is told when a slot is handed to it. The silo may ask a holder to give its slot back: for a
/// premium account waiting on a full silo, or to move to another silo with free slots (rebalancing).</summary>
public interface ISessionSlots
{
    /// <summary>Asks for a slot for <paramref name="sessionKey"/> (e.g. <c>account/42</c>). The slot is held at once when one
    /// is free and nobody waits; otherwise the request waits in the queue, premium requests ahead of the others.
    /// <paramref name="changed"/> is called (on any thread, never inside this call) when the request's state changes: the
    /// slot was handed to it, or the silo recalls it (<see cref="ISessionSlot.Recall"/>). The holder should look at the
    /// slot in its own turn (a grain fires a timer). Disposing the slot gives it back or leaves the queue.</summary>
    ISessionSlot Request(string sessionKey, bool premium, Action changed);
}

/// <summary>A slot request: waiting in the queue, or held. Disposing it gives the slot back (handing it to the next in the
/// queue) or leaves the queue; idempotent.</summary>
public interface ISessionSlot : IDisposable
{
    /// <summary>The session key the slot was asked for.</summary>
    string SessionKey { get; }

    /// <summary>Whether the request was made for a premium account (ahead of others in the queue).</summary>
    bool Premium { get; }

    /// <summary>True once the slot is held (the session may be opened), until disposed.</summary>
    bool IsHeld { get; }

    /// <summary>1-based place in this silo's queue while waiting; 0 when held, recalled or disposed.</summary>
    int QueuePosition { get; }

    /// <summary>Set when the silo wants the slot back: the holder closes its session (saving it) and disposes the slot,
    /// then either asks again (<see cref="SessionSlotRecallReason.Preempted"/>: it waits in the queue, ahead of later
    /// arrivals) or moves its grain to <see cref="SessionSlotRecall.MoveTo"/> (<see cref="SessionSlotRecallReason.Move"/>).</summary>
    SessionSlotRecall? Recall { get; }
}

/// <summary>Why the silo recalls a slot.</summary>
public enum SessionSlotRecallReason
{
    /// <summary>A premium account waits on this full silo: give the slot to it and wait in the queue again.</summary>
    Preempted,

    /// <summary>Another silo has room: close the session and move the grain there (a queued grain just moves).</summary>
    Move,
}

/// <summary>A recall of a slot: why, and for a move, the silo to move to (a placement hint for the migration).</summary>
public sealed record SessionSlotRecall(SessionSlotRecallReason Reason, SiloAddress? MoveTo);
