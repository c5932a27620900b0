namespace Cluster.Runtime;

/// <summary>Why an activation is being deactivated; passed to <see cref="Grain.OnDeactivateAsync"/>.</summary>
public enum DeactivationReason
{
    /// <summary>Idle longer than the collection age.</summary>
    Idle,
    /// <summary>The grain asked for it (<see cref="Grain.DeactivateOnIdle"/>).</summary>
    Requested,
    /// <summary>Moved to another silo by the rebalancer.</summary>
    Rebalancing,
    /// <summary>The silo is shutting down gracefully and hands the grain over.</summary>
    ShuttingDown,
    /// <summary>The silo lost its membership lease and fences itself: state cannot be written.</summary>
    SelfFencing,
    /// <summary>Activation failed.</summary>
    ActivationFailed,
}
