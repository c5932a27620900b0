using Cluster.Runtime.Activation;

namespace Cluster.Runtime.Placement;

/// <summary>The grain types of this silo as the core's type registry knows them (by name, and by grain interface
/// through the interface's full name, as calls name it on the wire).</summary>
internal sealed class GrainTypeLookup(GrainTypeRegistry registry) : IGrainTypeLookup
{
    public GrainTypeInfo? FindByInterface(Type grainInterface) =>
        registry.TryFindByInterface(grainInterface.FullName ?? grainInterface.Name, out var grainClass, out _) ? grainClass.Info : null;

    public GrainTypeInfo? FindByName(string grainType) => registry.FindByName(grainType)?.Info;
}
