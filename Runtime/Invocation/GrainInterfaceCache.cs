using System.Collections.Concurrent;

namespace Cluster.Runtime.Invocation;

/// <summary>Prepared grain interfaces, built on first use (a client meets interfaces as the application asks
/// for references; a silo builds those of its grain classes at start).</summary>
internal sealed class GrainInterfaceCache(GrainSerializer serializer)
{
    private readonly ConcurrentDictionary<Type, GrainInterfaceInfo> _byType = new();

    public GrainSerializer Serializer => serializer;

    /// <summary>The prepared interface; throws <see cref="GrainCallException"/> listing every problem of an
    /// interface the runtime cannot call.</summary>
    public GrainInterfaceInfo Get(Type type)
    {
        if (_byType.TryGetValue(type, out var info)) return info;
        var errors = new List<string>();
        info = GrainInterfaceInfo.Build(type, serializer, errors);
        if (errors.Count > 0)
            throw new GrainCallException($"Grain interface {type.FullName} cannot be used: {string.Join(" ", errors)}");
        return _byType.GetOrAdd(type, info);
    }

    /// <summary>Builds and caches the interface, collecting its problems instead of throwing (start-up validation).</summary>
    public GrainInterfaceInfo Prepare(Type type, List<string> errors)
    {
        var before = errors.Count;
        var info = GrainInterfaceInfo.Build(type, serializer, errors);
        if (errors.Count == before) _byType.TryAdd(type, info);
        return _byType.GetValueOrDefault(type, info);
    }
}
