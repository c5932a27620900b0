using System.Diagnostics;
using Cluster.Runtime.Activation;
using Cluster.Runtime.Management;
using Cluster.Runtime.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Membership;

/// <summary>Measures this silo's load for its heartbeat: activations (from the catalog), CPU and memory of
/// the process, resources used and capacity, calls per second and call statistics (from the core).</summary>
internal sealed class LoadCollector(IServiceProvider services, IOptions<ResourceCapacityOptions> capacity)
{
    // The catalog and call statistics are resolved lazily: the catalog itself depends on membership (fencing).
    private readonly Lock _gate = new();
    private long _lastTimestamp = Stopwatch.GetTimestamp();
    private TimeSpan _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
    private long _lastCalls;

    /// <summary>Set by the rebalancer while this silo sheds grains, so placement avoids it.</summary>
    public volatile bool Shedding;

    public PublishedLoad Collect()
    {
        var catalog = services.GetService<IActivationCatalog>();
        var calls = services.GetService<ICallStatisticsSource>();
        var now = Stopwatch.GetTimestamp();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var totalCalls = calls?.TotalCalls ?? 0;
        double cpuPercent, callsPerSecond;
        lock (_gate)
        {
            var elapsed = Stopwatch.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
            cpuPercent = elapsed <= 0 ? 0 : Math.Clamp((cpu - _lastCpu).TotalSeconds / elapsed / Environment.ProcessorCount * 100, 0, 100);
            callsPerSecond = elapsed <= 0 ? 0 : Math.Max(0, (totalCalls - _lastCalls) / elapsed);
            _lastTimestamp = now;
            _lastCpu = cpu;
            _lastCalls = totalCalls;
        }
        return new PublishedLoad(
            catalog?.Count ?? 0,
            catalog?.CountsByType() ?? new Dictionary<string, int>(),
            Math.Round(cpuPercent, 1),
            Environment.WorkingSet,
            catalog?.ResourcesUsed() ?? new Dictionary<string, int>(),
            capacity.Value.Capacity,
            Math.Round(callsPerSecond, 1),
            calls?.Snapshot() ?? [],
            Shedding);
    }
}
