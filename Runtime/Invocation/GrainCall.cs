using Cluster.Runtime.Activation;

namespace Cluster.Runtime.Invocation;

/// <summary>One call as the router carries it: the target grain and method and the arguments' JSON
/// (deserialised once, where the grain runs). A call without a method only makes sure the grain is active.</summary>
internal sealed class GrainCall(GrainClassInfo grainClass, GrainId grainId, GrainInterfaceInfo? @interface, GrainMethodInfo? method, byte[] payload)
{
    public GrainClassInfo Class { get; } = grainClass;
    public GrainId GrainId { get; } = grainId;
    public GrainInterfaceInfo? Interface { get; } = @interface;
    public GrainMethodInfo? Method { get; } = method;
    public byte[] Payload { get; } = payload;
    public object?[]? Arguments { get; set; }

    public override string ToString() => Method is null ? $"activate {GrainId}" : $"{GrainId}.{Method.Name}";
}
