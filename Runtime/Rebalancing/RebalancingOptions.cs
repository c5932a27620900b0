namespace Cluster.Runtime.Rebalancing;

/// <summary>Settings of the rebalancer (configuration section <c>Cluster:Rebalancing</c>). The start threshold is
/// above the stop threshold (hysteresis): moving starts when the spread is large and stops once it is small.</summary>
public sealed class RebalancingOptions
{
    public const string SectionName = "Cluster:Rebalancing";

    /// <summary>Whether the rebalancer runs. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each silo compares the published loads. Keep it several heartbeats long so moved grains
    /// show up in the loads before the next round. Default 5 s.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Moving starts when the most loaded Active silo holds more than this fraction of the mean above the
    /// least loaded (and at least MinimumSpread activations more). Default 0.25.</summary>
    public double StartTolerance { get; set; } = 0.25;

    /// <summary>Moving stops once the spread is at most this fraction of the mean (or MinimumSpread / 2). Default 0.10.</summary>
    public double StopTolerance { get; set; } = 0.10;

    /// <summary>Spreads of at most this many activations never start a move (small clusters would churn). Default 4.</summary>
    public int MinimumSpread { get; set; } = 4;

    /// <summary>Most grains one silo moves in one round. Default 50.</summary>
    public int MaxMovesPerRound { get; set; } = 50;

    /// <summary>A grain moved by this silo is not moved again before this much time. Default 2 min.</summary>
    public TimeSpan MoveCooldown { get; set; } = TimeSpan.FromMinutes(2);
}
