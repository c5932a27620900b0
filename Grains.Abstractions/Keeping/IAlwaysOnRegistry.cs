namespace Cluster.Grains.Abstractions.Keeping;

/// <summary>The registry of grains that must run even when nobody calls them (enabled accounts, pairs, bots). A grain
/// adds itself when it is enabled and removes itself when it is stopped or deleted; the keeper on each silo keeps its
/// share of the registry active. The grain must implement <see cref="IAlwaysOnGrain"/>.</summary>
public interface IAlwaysOnRegistry
{
    /// <summary>Keeps <paramref name="grain"/> active from now on (idempotent; stored in the cluster database).</summary>
    Task AddAsync(GrainId grain, CancellationToken cancellationToken = default);

    /// <summary>Stops keeping <paramref name="grain"/> active (idempotent).</summary>
    Task RemoveAsync(GrainId grain, CancellationToken cancellationToken = default);
}
