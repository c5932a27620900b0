using System.Reflection;

namespace Cluster.Runtime.Activation;

/// <summary>An assembly whose grain classes a silo hosts, registered with <c>AddGrains</c>; with a namespace,
/// only the classes in it (or below it).</summary>
public sealed record GrainAssemblyRegistration(Assembly Assembly, string? Namespace = null)
{
    public IEnumerable<Type> Types() => Assembly.GetTypes().Where(t => Namespace is null
        || t.Namespace is { } ns && (ns == Namespace || ns.StartsWith(Namespace + ".", StringComparison.Ordinal)));
}
