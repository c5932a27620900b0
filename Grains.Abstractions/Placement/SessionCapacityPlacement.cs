namespace Cluster.Grains.Abstractions.Placement;

/// <summary>Places a grain that holds a Telegram session (an account) on the silo with the most free session capacity:
/// each silo has a limit of sessions (and memory); premium accounts are placed first when capacity is short, and when
/// every silo is full the account waits (state Queued) until capacity appears.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.SessionCapacityPlacement")]
public sealed class SessionCapacityPlacement : Orleans.Runtime.PlacementStrategy
{
    /// <summary>The one instance (the strategy has no parameters).</summary>
    public static SessionCapacityPlacement Instance { get; } = new();
}
