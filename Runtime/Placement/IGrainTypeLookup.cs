using Cluster.Runtime.Activation;

namespace Cluster.Runtime.Placement;

/// <summary>The grain types this silo hosts, by name and by grain interface. Used by the always-on registry
/// (interface to type name) and the rebalancer (a type's placement strategy). Adapts the core's type registry.</summary>
public interface IGrainTypeLookup
{
    /// <summary>The grain type implementing a grain interface, or null when no hosted class implements it.</summary>
    GrainTypeInfo? FindByInterface(Type grainInterface);

    /// <summary>A grain type by name, or null when unknown here.</summary>
    GrainTypeInfo? FindByName(string grainType);
}
