namespace Cluster.Silo.Metrics;

/// <summary>Settings of the Prometheus endpoint (section <c>Silo:Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Silo:Metrics";

    /// <summary>Most labelled series kept per instrument; measurements of further label combinations are dropped and
    /// counted in <c>cluster_metrics_dropped_measurements_total</c>, so a bad label cannot exhaust memory. Default 5000.</summary>
    public int MaxSeriesPerInstrument { get; set; } = 5000;

    /// <summary>Histogram bucket bounds, in milliseconds, of instruments measured in "ms" that do not advise their own.
    /// Default 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000.</summary>
    public double[] MillisecondBuckets { get; set; } = [0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000];

    /// <summary>Histogram bucket bounds of instruments in any other unit that do not advise their own.
    /// Default 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000.</summary>
    public double[] DefaultBuckets { get; set; } = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000];
}
