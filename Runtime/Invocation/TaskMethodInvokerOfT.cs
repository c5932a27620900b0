using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace Cluster.Runtime.Invocation;

/// <summary>Invoker of a grain method returning <see cref="Task{TResult}"/>.</summary>
internal sealed class TaskMethodInvoker<TResult>(MethodInfo method, JsonTypeInfo resultType) : GrainMethodInvoker
{
    private readonly JsonTypeInfo<TResult> _result = (JsonTypeInfo<TResult>)resultType;
    private Func<object, object?[], Task<TResult>>? _call;

    public override object Send(GrainReference reference, GrainMethodInfo method, object?[]? args) => SendAsync(reference, method, args);

    internal async Task<TResult> SendAsync(GrainReference reference, GrainMethodInfo method, object?[]? args)
    {
        var json = await reference.Sender.SendAsync(reference, method, GrainSerializer.SerializeArguments(args, method.Parameters)).ConfigureAwait(false);
        return GrainSerializer.Deserialize(json.Span, _result);
    }

    public override async Task<byte[]> InvokeAsync(object grain, object?[] args)
    {
        var result = await (_call ??= Compile<Task<TResult>>(method))(grain, args).ConfigureAwait(false);
        return GrainSerializer.Serialize(result, _result);
    }
}
