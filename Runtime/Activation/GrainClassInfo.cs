using Cluster.Runtime.Invocation;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Runtime.Activation;

/// <summary>Everything a silo needs to activate and call one grain class, prepared at start: its public
/// <see cref="GrainTypeInfo"/>, a compiled constructor, its persistent-state parameters and its interfaces.</summary>
internal sealed class GrainClassInfo(
    GrainTypeInfo info,
    ObjectFactory factory,
    GrainStateParameter[] states,
    TimeSpan collectionAge,
    IReadOnlyList<GrainInterfaceInfo> interfaces)
{
    public GrainTypeInfo Info { get; } = info;
    public string Name => Info.Name;
    public ObjectFactory Factory { get; } = factory;
    public GrainStateParameter[] States { get; } = states;
    public TimeSpan CollectionAge { get; } = collectionAge;
    public IReadOnlyList<GrainInterfaceInfo> Interfaces { get; } = interfaces;
    public bool IsRemindable { get; } = typeof(IRemindable).IsAssignableFrom(info.ImplementationType);

    public override string ToString() => Name;
}
