using System.Linq.Expressions;
using System.Reflection;

namespace Cluster.Runtime.Invocation;

/// <summary>Per method, the two ends of a call: <see cref="Send"/> serialises the arguments and returns the
/// Task/ValueTask the proxy hands back; <see cref="InvokeAsync"/> runs the method on a grain through a compiled
/// delegate (no reflection per call) and serialises its result. One subclass per return shape.</summary>
internal abstract class GrainMethodInvoker
{
    /// <summary>Client side: returns the Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt; of the call.</summary>
    public abstract object Send(GrainReference reference, GrainMethodInfo method, object?[]? args);

    /// <summary>Silo side: runs the method; returns the result's JSON, or an empty array for no result.</summary>
    public abstract Task<byte[]> InvokeAsync(object grain, object?[] args);

    /// <summary>Builds the invoker for a method returning Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;;
    /// null for any other return type.</summary>
    public static GrainMethodInvoker? Create(MethodInfo method, GrainSerializer serializer)
    {
        var returnType = method.ReturnType;
        if (returnType == typeof(Task)) return new TaskMethodInvoker(method);
        if (returnType == typeof(ValueTask)) return new ValueTaskMethodInvoker(method);
        if (!returnType.IsGenericType) return null;
        var definition = returnType.GetGenericTypeDefinition();
        var result = returnType.GetGenericArguments()[0];
        Type? invokerType = definition == typeof(Task<>) ? typeof(TaskMethodInvoker<>)
            : definition == typeof(ValueTask<>) ? typeof(ValueTaskMethodInvoker<>) : null;
        if (invokerType is null) return null;
        return (GrainMethodInvoker)Activator.CreateInstance(invokerType.MakeGenericType(result), method, serializer.GetTypeInfo(result))!;
    }

    /// <summary>(object grain, object?[] args) => ((TInterface)grain).Method((T1)args[0], ...), compiled once.</summary>
    protected static Func<object, object?[], TReturn> Compile<TReturn>(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters()
            .Select((p, i) => (Expression)Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType));
        var call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, parameters);
        return Expression.Lambda<Func<object, object?[], TReturn>>(call, grain, args).Compile();
    }
}
