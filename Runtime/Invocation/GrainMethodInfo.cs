using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace Cluster.Runtime.Invocation;

/// <summary>One method of a grain interface, prepared once: its JSON metadata, whether it interleaves, and the
/// invoker that sends it (client side) and runs it on a grain (silo side).</summary>
internal sealed class GrainMethodInfo
{
    public GrainMethodInfo(GrainInterfaceInfo @interface, MethodInfo method, JsonTypeInfo[] parameters, GrainMethodInvoker invoker)
    {
        Interface = @interface;
        Method = method;
        Name = method.Name;
        Parameters = parameters;
        Invoker = invoker;
        Interleave = method.GetCustomAttribute<AlwaysInterleaveAttribute>() is not null;
    }

    public GrainInterfaceInfo Interface { get; }
    public MethodInfo Method { get; }
    public string Name { get; }
    public JsonTypeInfo[] Parameters { get; }
    public GrainMethodInvoker Invoker { get; }
    public bool Interleave { get; }

    public override string ToString() => $"{Interface.Name}.{Name}";
}
