using Cluster.Runtime.Activation;

namespace Cluster.Runtime.Placement;

/// <summary>Chooses the silo for a new activation by the grain type's strategy. For resource-aware types
/// with every silo full, waits in the overflow queue until room appears or the token is cancelled.</summary>
public interface IPlacementDirector
{
    Task<SiloSummary> PlaceAsync(GrainId grainId, GrainTypeInfo grainType, CancellationToken cancellationToken);
}
