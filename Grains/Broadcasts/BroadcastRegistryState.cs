namespace Cluster.Grains.Broadcasts;

/// <summary>The latest broadcast ids, newest first (at most <see cref="Abstractions.Broadcasts.IBroadcastRegistryGrain.Kept"/>).</summary>
public sealed class BroadcastRegistryState
{
    public List<string> Latest { get; set; } = [];
}
