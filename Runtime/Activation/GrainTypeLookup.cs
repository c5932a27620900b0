using Cluster.Runtime.Placement;

namespace Cluster.Runtime.Activation;

/// <summary>The core's grain type registry seen through <see cref="IGrainTypeLookup"/>, the view the always-on
/// registry and the rebalancer need (interface to type, a type's placement).</summary>
internal sealed class GrainTypeLookup(GrainTypeRegistry registry) : IGrainTypeLookup
{
    public GrainTypeInfo? FindByInterface(Type grainInterface)
        => registry.TryFindByInterface(grainInterface.FullName ?? grainInterface.Name, out var grainClass, out _) ? grainClass.Info : null;

    public GrainTypeInfo? FindByName(string grainType) => registry.FindByName(grainType)?.Info;
}
