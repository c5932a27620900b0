using Cluster.Grains.Abstractions.Placement;
using Orleans.Runtime.Placement;

namespace Cluster.Hosting.Placement;

/// <summary>Interim director of <see cref="SessionCapacityPlacement"/> so account grains can activate at all: a random
/// compatible silo (or the caller's placement hint), like Orleans' random placement.</summary>
/// <remarks>TODO(session-capacity placement): choose the silo with the most free session capacity, premium accounts
/// first, and queue accounts when every silo is full.</remarks>
internal sealed class SessionCapacityPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var compatible = context.GetCompatibleSilos(target);
        if (IPlacementDirector.GetPlacementHint(target.RequestContextData, compatible) is { } hint) return Task.FromResult(hint);
        return Task.FromResult(compatible[Random.Shared.Next(compatible.Length)]);
    }
}
