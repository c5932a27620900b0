namespace Cluster.Runtime.Placement;

/// <summary>Settings of the placement director (configuration section <c>Cluster:Placement</c>; per grain type
/// strategies are read by the core from <c>Cluster:Placement:&lt;grainType&gt;</c>).</summary>
public sealed class PlacementOptions
{
    public const string SectionName = "Cluster:Placement";

    /// <summary>How often a request waiting in the overflow queue re-reads the membership view for free capacity. Default 250 ms.</summary>
    public TimeSpan OverflowPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a placement made here counts against its silo's published load (which lags by up to
    /// a heartbeat), so bursts of placements do not all land on one silo. Default 3 s.</summary>
    public TimeSpan PendingPlacementWindow { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long to wait for an Active silo to appear when there is none before failing. Default 5 s.</summary>
    public TimeSpan NoSiloWait { get; set; } = TimeSpan.FromSeconds(5);
}
