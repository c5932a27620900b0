using Orleans.Placement;

namespace Cluster.Grains.Abstractions.Placement;

/// <summary>Puts a grain class under <see cref="SessionCapacityPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SessionCapacityPlacementAttribute() : PlacementAttribute(SessionCapacityPlacement.Instance);
