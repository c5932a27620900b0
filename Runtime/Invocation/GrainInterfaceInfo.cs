using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace Cluster.Runtime.Invocation;

/// <summary>A grain interface prepared for calls: its methods by MethodInfo (proxy side) and by name (wire side).
/// Built once per interface; <see cref="Build"/> refuses what the runtime cannot call (overloads, other return
/// types, ref/out or generic methods, types no registered JSON context knows).</summary>
internal sealed class GrainInterfaceInfo
{
    private GrainInterfaceInfo(Type type)
    {
        Type = type;
        Name = type.FullName ?? type.Name;
    }

    public Type Type { get; }

    /// <summary>The interface's full name, which calls carry on the wire.</summary>
    public string Name { get; }

    public Dictionary<MethodInfo, GrainMethodInfo> ByMethod { get; } = [];
    public Dictionary<string, GrainMethodInfo> ByName { get; } = new(StringComparer.Ordinal);

    /// <summary>Prepares the interface, adding every problem to <paramref name="errors"/>.</summary>
    public static GrainInterfaceInfo Build(Type type, GrainSerializer serializer, List<string> errors)
    {
        var info = new GrainInterfaceInfo(type);
        if (!type.IsInterface || type.IsGenericType)
        {
            errors.Add($"{info.Name} is not a non-generic interface; grain interfaces must be.");
            return info;
        }
        var methods = new[] { type }.Concat(type.GetInterfaces())
            .Where(i => i != typeof(IGrain) && i != typeof(IGrainWithStringKey))
            .SelectMany(i => i.GetMethods());
        foreach (var method in methods)
        {
            var where = $"{info.Name}.{method.Name}";
            if (info.ByName.ContainsKey(method.Name))
            {
                errors.Add($"{where} is overloaded (or declared twice through inherited interfaces); grain methods must have unique names.");
                continue;
            }
            if (method.IsGenericMethodDefinition)
            {
                errors.Add($"{where} is generic; grain methods cannot be.");
                continue;
            }
            var parameters = method.GetParameters();
            if (parameters.Any(p => p.ParameterType.IsByRef))
            {
                errors.Add($"{where} has a ref/out/in parameter; grain methods cannot.");
                continue;
            }
            var typeErrors = parameters.Select(p => p.ParameterType).Where(t => !serializer.Knows(t))
                .Select(t => $"{where}: no JsonSerializerContext registered with AddGrainJsonContext knows the parameter type '{t.FullName}'.")
                .ToList();
            var resultType = ResultType(method.ReturnType);
            if (resultType is not null && !serializer.Knows(resultType))
                typeErrors.Add($"{where}: no JsonSerializerContext registered with AddGrainJsonContext knows the result type '{resultType.FullName}'.");
            if (typeErrors.Count > 0)
            {
                errors.AddRange(typeErrors);
                continue;
            }
            var invoker = GrainMethodInvoker.Create(method, serializer);
            if (invoker is null)
            {
                errors.Add($"{where} returns {method.ReturnType.Name}; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>.");
                continue;
            }
            JsonTypeInfo[] parameterTypes = [.. parameters.Select(p => serializer.GetTypeInfo(p.ParameterType))];
            var grainMethod = new GrainMethodInfo(info, method, parameterTypes, invoker);
            info.ByMethod[method] = grainMethod;
            info.ByName[method.Name] = grainMethod;
        }
        return info;
    }

    private static Type? ResultType(Type returnType)
        => returnType.IsGenericType && (returnType.GetGenericTypeDefinition() == typeof(Task<>) || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? returnType.GetGenericArguments()[0]
            : null;

    public override string ToString() => Name;
}
