using System.Collections.Concurrent;
using System.Diagnostics;
using Cluster.Runtime.Activation;
using Cluster.Runtime.Invocation;
using Cluster.Runtime.Management;
using Cluster.Runtime.Membership;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Runtime.Diagnostics;

/// <summary>Per grain type and method, the calls this silo ran since it started: counts, errors, average and p99
/// latency (<see cref="Snapshot"/>, read by cluster management), also published on the "Cluster.Runtime" meter.</summary>
public sealed class CallStatistics(RuntimeMetrics metrics, IServiceProvider services) : ICallStatisticsSource
{
    private ISiloMembership? _membership;

    private readonly ConcurrentDictionary<(object Type, object Method), MethodStatistics> _byMethod = new();

    internal void Record(GrainClassInfo grainClass, GrainMethodInfo method, TimeSpan elapsed, bool failed)
    {
        var statistics = _byMethod.GetOrAdd((grainClass, method), static key => new MethodStatistics(((GrainClassInfo)key.Type).Name, ((GrainMethodInfo)key.Method).Name));
        statistics.Record(elapsed, failed);
        var tags = new TagList { { "grain.type", statistics.GrainType }, { "grain.method", statistics.Method } };
        metrics.Calls.Add(1, tags);
        if (failed) metrics.Errors.Add(1, tags);
        metrics.Duration.Record(elapsed.TotalMilliseconds, tags);
    }

    /// <summary>The statistics of every method called so far, labelled with this silo's id.</summary>
    public IReadOnlyList<MethodCallStats> Snapshot(string siloId)
        => [.. _byMethod.Values.Select(s => s.Snapshot(siloId)).OrderBy(s => s.GrainType, StringComparer.Ordinal).ThenBy(s => s.Method, StringComparer.Ordinal)];

    /// <summary>The statistics labelled with this silo's id (from membership).</summary>
    public IReadOnlyList<MethodCallStats> Snapshot()
        => Snapshot((_membership ??= services.GetRequiredService<ISiloMembership>()).LocalSiloId);

    /// <summary>Calls recorded so far, over all methods (for calls-per-second in the published load).</summary>
    public long TotalCalls => _byMethod.Values.Sum(s => s.Calls);
}
