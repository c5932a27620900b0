namespace Cluster.Runtime.Activation;

/// <summary>The activations of this silo. Implemented by the silo core; used by the membership service
/// (load, self-fencing), the rebalancer and management.</summary>
public interface IActivationCatalog
{
    int Count { get; }

    /// <summary>Activations per grain type.</summary>
    IReadOnlyDictionary<string, int> CountsByType();

    /// <summary>Resource units held by resource-aware activations, per resource name.</summary>
    IReadOnlyDictionary<string, int> ResourcesUsed();

    IReadOnlyCollection<GrainId> ActiveGrainIds();

    /// <summary>Gracefully deactivates one activation (waits for its current turn, calls OnDeactivateAsync,
    /// releases its directory row). Returns false if it was not active here.</summary>
    Task<bool> DeactivateAsync(GrainId grainId, DeactivationReason reason, CancellationToken cancellationToken);

    /// <summary>Deactivates everything. With <see cref="DeactivationReason.SelfFencing"/> activations are stopped
    /// without writing state or touching the database (it is unreachable or we lost ownership).</summary>
    Task DeactivateAllAsync(DeactivationReason reason, CancellationToken cancellationToken);
}
