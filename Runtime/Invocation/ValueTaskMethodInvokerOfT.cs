using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace Cluster.Runtime.Invocation;

/// <summary>Invoker of a grain method returning <see cref="ValueTask{TResult}"/>.</summary>
internal sealed class ValueTaskMethodInvoker<TResult>(MethodInfo method, JsonTypeInfo resultType) : GrainMethodInvoker
{
    private readonly TaskMethodInvoker<TResult> _sender = new(method, resultType);
    private readonly JsonTypeInfo<TResult> _result = (JsonTypeInfo<TResult>)resultType;
    private Func<object, object?[], ValueTask<TResult>>? _call;

    public override object Send(GrainReference reference, GrainMethodInfo method, object?[]? args)
        => new ValueTask<TResult>(_sender.SendAsync(reference, method, args));

    public override async Task<byte[]> InvokeAsync(object grain, object?[] args)
    {
        var result = await (_call ??= Compile<ValueTask<TResult>>(method))(grain, args).ConfigureAwait(false);
        return GrainSerializer.Serialize(result, _result);
    }
}
