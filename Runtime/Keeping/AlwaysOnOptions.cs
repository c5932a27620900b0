namespace Cluster.Runtime.Keeping;

/// <summary>Settings of the always-on keeper (configuration section <c>Cluster:AlwaysOn</c>).</summary>
public sealed class AlwaysOnOptions
{
    public const string SectionName = "Cluster:AlwaysOn";

    /// <summary>How often each silo looks for registered grains with no live owner; it also looks at once when
    /// the membership view changes. Default 1 s.</summary>
    public TimeSpan KeeperInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many activations one silo's keeper starts at the same time; kept modest so a burst of activations
    /// cannot starve the heartbeat of database connections. Default 16.</summary>
    public int MaxParallelActivations { get; set; } = 16;

    /// <summary>How long the keeper waits for one grain to activate before trying it again next round. Default 30 s.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
