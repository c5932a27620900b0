using System.Reflection;

namespace Cluster.Runtime.Invocation;

/// <summary>The object <see cref="IGrainFactory.GetGrain{TGrainInterface}"/> returns: a DispatchProxy that turns each
/// interface call into a grain call through its method's precompiled stub.</summary>
public class GrainProxy : DispatchProxy
{
    private GrainReference? _reference;

    internal static TGrainInterface Create<TGrainInterface>(GrainReference reference)
    {
        var proxy = Create<TGrainInterface, GrainProxy>();
        ((GrainProxy)(object)proxy!)._reference = reference;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var reference = _reference!;
        if (targetMethod is null || !reference.Interface.ByMethod.TryGetValue(targetMethod, out var method))
            throw new GrainCallException($"'{targetMethod?.Name}' is not a grain method of {reference.Interface.Name}.");
        return method.Invoker.Send(reference, method, args);
    }

    public override string ToString() => _reference?.ToString() ?? base.ToString()!;
}
