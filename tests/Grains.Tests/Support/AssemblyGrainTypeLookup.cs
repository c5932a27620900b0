using System.Reflection;
using Cluster.Runtime;
using Cluster.Runtime.Activation;
using Cluster.Runtime.Placement;

namespace Cluster.Grains.Tests.Support;

/// <summary>IGrainTypeLookup over the grain classes of one assembly, read from their attributes. The runtime declares the
/// interface (the always-on registry needs it) but registers no implementation yet; this stands in for the adapter of
/// the core's type registry until the runtime provides one (registered with TryAdd, so the runtime's wins).</summary>
internal sealed class AssemblyGrainTypeLookup(Assembly assembly) : IGrainTypeLookup
{
    private readonly IReadOnlyList<GrainTypeInfo> _types = assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t))
        .Select(Describe)
        .ToList();

    public GrainTypeInfo? FindByInterface(Type grainInterface) => _types.FirstOrDefault(t => t.Interfaces.Contains(grainInterface));

    public GrainTypeInfo? FindByName(string grainType) => _types.FirstOrDefault(t => t.Name == grainType);

    private static GrainTypeInfo Describe(Type type)
    {
        var placement = type.GetCustomAttribute<PlacementAttribute>();
        var resourceAware = placement as ResourceAwarePlacementAttribute;
        var interfaces = type.GetInterfaces().Where(i => i != typeof(IGrainWithStringKey) && typeof(IGrainWithStringKey).IsAssignableFrom(i)).ToList();
        return new GrainTypeInfo(GrainTypeInfo.DefaultName(type), type, interfaces, placement?.Strategy ?? PlacementStrategies.Random,
            resourceAware?.Resource, resourceAware?.Units ?? 0);
    }
}
