namespace Cluster.Grains.Abstractions.Broadcasts;

/// <summary>Where a broadcast is: sending, paused by an operator (or waiting out a long flood pause), cancelled, or done.</summary>
[GenerateSerializer, Alias("Cluster.BroadcastPhase")]
public enum BroadcastPhase
{
    Running,
    Paused,
    Cancelled,
    Completed,
}
