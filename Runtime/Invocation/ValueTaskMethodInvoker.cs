using System.Reflection;

namespace Cluster.Runtime.Invocation;

/// <summary>Invoker of a grain method returning <see cref="ValueTask"/>.</summary>
internal sealed class ValueTaskMethodInvoker(MethodInfo method) : GrainMethodInvoker
{
    private Func<object, object?[], ValueTask>? _call;

    public override object Send(GrainReference reference, GrainMethodInfo method, object?[]? args)
        => new ValueTask(TaskMethodInvoker.SendAsync(reference, method, args));

    public override async Task<byte[]> InvokeAsync(object grain, object?[] args)
    {
        await (_call ??= Compile<ValueTask>(method))(grain, args).ConfigureAwait(false);
        return [];
    }
}
