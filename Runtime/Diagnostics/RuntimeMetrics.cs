using System.Diagnostics.Metrics;

namespace Cluster.Runtime.Diagnostics;

/// <summary>The "Cluster.Runtime" meter: grain calls, errors and latency by grain type and method, and (registered
/// by the catalog) activations by grain type. Exported by whatever the host wires (OpenTelemetry, /metrics).</summary>
public sealed class RuntimeMetrics
{
    public const string MeterName = "Cluster.Runtime";

    public RuntimeMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        Calls = Meter.CreateCounter<long>("cluster.grain.calls", "{call}", "Grain calls run on this silo.");
        Errors = Meter.CreateCounter<long>("cluster.grain.call.errors", "{call}", "Grain calls that threw.");
        Duration = Meter.CreateHistogram<double>("cluster.grain.call.duration", "ms", "Time a grain call took on this silo.");
    }

    public Meter Meter { get; }
    public Counter<long> Calls { get; }
    public Counter<long> Errors { get; }
    public Histogram<double> Duration { get; }
}
