namespace Cluster.Runtime.Invocation;

/// <summary>What a proxy addresses: a grain interface and a key, and the sender that carries its calls.</summary>
internal sealed class GrainReference(GrainInterfaceInfo @interface, string key, IGrainCallSender sender)
{
    public GrainInterfaceInfo Interface { get; } = @interface;
    public string Key { get; } = key;
    public IGrainCallSender Sender { get; } = sender;

    public override string ToString() => $"{Interface.Name}/{Key}";
}
