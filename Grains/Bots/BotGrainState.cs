namespace Cluster.Grains.Bots;

/// <summary>What a bot grain keeps across activations: the token (a secret), whether it runs, and the next update offset.</summary>
/// <remarks>NextOffset is saved after every handled batch, so a restart or failover neither loses nor repeats updates.</remarks>
public sealed class BotGrainState
{
    public string? Token { get; set; }
    public bool Enabled { get; set; }
    public long? NextOffset { get; set; }
    public long UpdatesHandled { get; set; }
    public long UpdatesFailed { get; set; }
}
