namespace Cluster.Runtime;

/// <summary>Names a grain class's type in grain ids, the directory and configuration ("account", "pair").
/// Without it the type name is the class name without a "Grain" suffix, lower-cased.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
