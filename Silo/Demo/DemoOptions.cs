namespace Cluster.Silo.Demo;

/// <summary>Whether this silo creates the demo world's accounts and channel pairs through the grain interfaces
/// (section <c>Demo</c>). Only one silo of a cluster needs to; doing it again changes nothing.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Create the demo accounts and pairs at start. Default: true with the embedded simulator, false otherwise
    /// (with a shared simulator, set it on one silo: tools/run-cluster.sh does it for the first).</summary>
    public bool? Seed { get; set; }

    /// <summary>The account id prefix of the demo accounts ("demo-alice", ...). Default "demo-".</summary>
    public string AccountPrefix { get; set; } = "demo-";

    /// <summary>How long to wait before trying again when the cluster or the simulator is not ready yet. Default 2 s.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many simulated guest events per second (joins, messages, "I have joined" presses, channel leaves) the demo's
    /// protected group gets; 0 turns them off (the bot still protects the group). Default 0.5.</summary>
    public double GuardEventsPerSecond { get; set; } = 0.5;

    /// <summary>How many attempts before giving up (logged). Default 30.</summary>
    public int MaxAttempts { get; set; } = 30;
}
