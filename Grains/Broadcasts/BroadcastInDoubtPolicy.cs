namespace Cluster.Grains.Broadcasts;

/// <summary>What a broadcast does with a send that was in flight when its silo died.</summary>
public enum BroadcastInDoubtPolicy
{
    /// <summary>Mark it Unconfirmed and never send it again: at most once (the default; nobody gets the message twice).</summary>
    Skip,

    /// <summary>Send it again: at least once (a user whose message did arrive gets a second one).</summary>
    Resend,
}
