using System.Reflection;

namespace Cluster.Runtime.Activation;

/// <summary>What the runtime knows about one grain class: its type name, the grain interfaces it
/// implements, and its placement (from attributes, overridden by configuration).</summary>
public sealed record GrainTypeInfo(
    string Name,
    Type ImplementationType,
    IReadOnlyList<Type> Interfaces,
    string PlacementStrategy,
    string? Resource,
    int ResourceUnits)
{
    public bool IsResourceAware => PlacementStrategy == PlacementStrategies.ResourceAware && Resource is not null;

    public static string DefaultName(Type implementation)
    {
        var attribute = implementation.GetCustomAttribute<GrainTypeAttribute>();
        if (attribute is not null) return attribute.Name;
        var name = implementation.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > 5) name = name[..^5];
        return name.ToLowerInvariant();
    }
}
