namespace Cluster.Hosting.Rebalancing;

/// <summary>The session rebalancer of each silo; bound from <c>Cluster:Rebalancing</c>. Every <see cref="Interval"/> a silo
/// with free slots pulls accounts waiting in other silos' queues (premium first); a silo holding notably fewer sessions
/// than another (more than <see cref="MinimumSpread"/> fewer) pulls a few connected accounts from it, up to the cluster's
/// mean and never past it, then rests for <see cref="BalanceCooldown"/>. An account that connected less than
/// <see cref="SettleTime"/> ago is not moved for balance, so it cannot bounce back.</summary>
public sealed class RebalancingOptions
{
    public const string SectionName = "Cluster:Rebalancing";

    /// <summary>Whether this silo pulls accounts from the others. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the silo compares its sessions with the others' and pulls. Default 10 s.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most queued accounts a silo pulls in one round (never more than its free slots). Default 50.</summary>
    public int MaxQueuedMovesPerRound { get; set; } = 50;

    /// <summary>Most connected accounts moved to one silo in one round to even out the load (each closes its session and
    /// opens it again there). Default 5.</summary>
    public int MaxMovesPerRound { get; set; } = 5;

    /// <summary>Balancing of connected accounts starts only when the most loaded silo holds more than this many sessions more
    /// than the pulling one; once started it goes on, a few accounts per round, until the pulling silo reaches the mean
    /// (hysteresis: smaller spreads never start it, so normal churn moves nothing). Default 10.</summary>
    public int MinimumSpread { get; set; } = 10;

    /// <summary>After a silo pulled connected accounts for balance, or gave some, it does neither again for this long (the
    /// moved accounts settle and every silo's counts catch up). Default 1 min.</summary>
    public TimeSpan BalanceCooldown { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>An account that got its session slot less than this long ago is not moved for balance. Default 10 min.</summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a silo keeps free slots for the accounts it pulled before giving them to anyone (an account that
    /// does not arrive in this time frees its reservation). Default 1 min.</summary>
    public TimeSpan ReservationTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a rebalancer waits for another silo to tell its load or answer a pull; a silo that does not answer
    /// in time is left out of the round. Default 10 s.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    internal void Validate()
    {
        if (Interval <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:Interval must be positive (got {Interval}).");
        if (MaxQueuedMovesPerRound < 1) throw new ArgumentException($"{SectionName}:MaxQueuedMovesPerRound must be at least 1 (got {MaxQueuedMovesPerRound}).");
        if (MaxMovesPerRound < 0) throw new ArgumentException($"{SectionName}:MaxMovesPerRound must not be negative (got {MaxMovesPerRound}); 0 turns balancing of connected accounts off.");
        if (MinimumSpread < 1) throw new ArgumentException($"{SectionName}:MinimumSpread must be at least 1 (got {MinimumSpread}).");
        if (BalanceCooldown < TimeSpan.Zero) throw new ArgumentException($"{SectionName}:BalanceCooldown must not be negative (got {BalanceCooldown}).");
        if (SettleTime < TimeSpan.Zero) throw new ArgumentException($"{SectionName}:SettleTime must not be negative (got {SettleTime}).");
        if (ReservationTimeout <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:ReservationTimeout must be positive (got {ReservationTimeout}).");
        if (CallTimeout <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:CallTimeout must be positive (got {CallTimeout}).");
    }
}
