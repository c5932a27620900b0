namespace Cluster.Hosting.Placement;

/// <summary>One silo's account sessions: how many slots it holds and how many it may hold, how many requests wait in its
/// queue, how many free slots it keeps for grains the rebalancer is pulling here, and how many holders are leaving.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.SessionLoad")]
public sealed record SessionLoad([property: Id(0)] int Held, [property: Id(1)] int Capacity)
{
    /// <summary>Requests waiting in the silo's queue.</summary>
    [Id(2)] public int Queued { get; init; }

    /// <summary>Of <see cref="Queued"/>, the premium ones (at the head of the queue).</summary>
    [Id(3)] public int QueuedPremium { get; init; }

    /// <summary>Free slots kept for grains on their way here (pulled by the rebalancer).</summary>
    [Id(4)] public int Reserved { get; init; }

    /// <summary>Holders asked to move away that still hold their slot.</summary>
    [Id(5)] public int Leaving { get; init; }

    /// <summary>Holders that could be moved for balance: not recalled, and connected long enough ago
    /// (<c>Cluster:Rebalancing:SettleTime</c>) not to be bounced on.</summary>
    [Id(6)] public int MovableHeld { get; init; }

    /// <summary>Slots a newcomer could take: capacity less what is held, waited for or reserved (negative when the queue
    /// is longer than the free slots).</summary>
    public int Free => Capacity - Held - Queued - Reserved;

    /// <summary>The sessions this silo will hold once the moves under way are done: held, less those leaving, plus those
    /// on their way here.</summary>
    public int Settled => Held - Leaving + Reserved;
}
