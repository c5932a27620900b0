using System.Reflection;

namespace Cluster.Runtime.Invocation;

/// <summary>Invoker of a grain method returning <see cref="Task"/>.</summary>
internal sealed class TaskMethodInvoker(MethodInfo method) : GrainMethodInvoker
{
    private Func<object, object?[], Task>? _call;

    public override object Send(GrainReference reference, GrainMethodInfo method, object?[]? args) => SendAsync(reference, method, args);

    internal static async Task SendAsync(GrainReference reference, GrainMethodInfo method, object?[]? args)
        => await reference.Sender.SendAsync(reference, method, GrainSerializer.SerializeArguments(args, method.Parameters)).ConfigureAwait(false);

    public override async Task<byte[]> InvokeAsync(object grain, object?[] args)
    {
        await (_call ??= Compile<Task>(method))(grain, args).ConfigureAwait(false);
        return [];
    }
}
