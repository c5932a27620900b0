namespace Cluster.Runtime.Invocation;

/// <summary>Where grain references send their calls: the silo's router inside a silo, a gateway from a
/// cluster client. Arguments and the result travel as JSON bytes, so local and remote calls behave alike.</summary>
internal interface IGrainCallSender
{
    /// <summary>Runs the call and returns the result's JSON (empty for methods without a result).</summary>
    Task<ReadOnlyMemory<byte>> SendAsync(GrainReference reference, GrainMethodInfo method, byte[] arguments);
}
