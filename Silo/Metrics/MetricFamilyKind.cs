namespace Cluster.Silo.Metrics;

/// <summary>The Prometheus type a .NET instrument is exported as: counters (monotonic, "_total"), gauges (current
/// values: up-down counters and observable gauges) and histograms (cumulative buckets, sum, count).</summary>
public enum MetricFamilyKind
{
    Counter,
    Gauge,
    Histogram,
}
