namespace Cluster.Hosting.Placement;

/// <summary>This silo's share of Telegram sessions; bound from <c>Cluster:Sessions</c>.</summary>
public sealed class SessionCapacityOptions
{
    public const string SectionName = "Cluster:Sessions";

    /// <summary>How many account sessions this silo holds at most (each TDLib session costs tens of MB). New accounts are
    /// placed on the silo with the most free slots; an account activated on a full silo waits in its queue (state Queued)
    /// until a slot frees there or the rebalancer moves it to a silo with room. Default 200.</summary>
    public int Capacity { get; set; } = 200;

    /// <summary>How long the placement director trusts the session counts it read from the silos. Default 1 s.</summary>
    public TimeSpan LoadCacheDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether a premium account (<c>AccountConfiguration.IsPremium</c>) waiting on a full silo takes the slot of
    /// the non-premium account that connected last there (which closes its session and waits at the head of the
    /// non-premium queue). Without it premium accounts only go ahead of the others in the queue. Default true.</summary>
    public bool PremiumPreemption { get; set; } = true;

    /// <summary>How long an account that gave its slot to a premium account keeps its place in the queue (ahead of later
    /// arrivals) for when it asks again; it asks at once after closing its session, so this only bounds what is kept for
    /// one that never asks again (stopped or moved meanwhile). Default 1 min.</summary>
    public TimeSpan PreemptedPlaceKept { get; set; } = TimeSpan.FromMinutes(1);

    internal void Validate()
    {
        if (Capacity < 1) throw new ArgumentException($"{SectionName}:Capacity must be at least 1 (got {Capacity}).");
        if (LoadCacheDuration < TimeSpan.Zero) throw new ArgumentException($"{SectionName}:LoadCacheDuration must not be negative (got {LoadCacheDuration}).");
        if (PreemptedPlaceKept <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:PreemptedPlaceKept must be positive (got {PreemptedPlaceKept}).");
    }
}
