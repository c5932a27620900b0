namespace Cluster.Runtime.Invocation;

/// <summary>Makes grain references (DispatchProxy objects) whose calls go to one sender: the silo's router
/// inside a silo, a gateway from a cluster client.</summary>
internal sealed class GrainFactory(GrainInterfaceCache interfaces, IGrainCallSender sender) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return GrainProxy.Create<TGrainInterface>(new GrainReference(interfaces.Get(typeof(TGrainInterface)), key, sender));
    }
}
