namespace Cluster.Silo.Metrics;

/// <summary>Settings of the Prometheus endpoint (section <c>Silo:Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Silo:Metrics";

    /// <summary>OpenTelemetry's cardinality limit of every exported instrument: the most label sets (series) one
    /// instrument keeps. Measurements with further label sets are added to one overflow series labelled
    /// <c>otel_metric_overflow="true"</c>, so a bad label cannot exhaust memory. The SDK reserves this many points per
    /// instrument up front. Default 2000 (OpenTelemetry's own default).</summary>
    public int MaxSeriesPerInstrument { get; set; } = 2000;

    /// <summary>The default of <see cref="MillisecondBuckets"/>: 0.5 ms to 5 minutes.</summary>
    public static readonly IReadOnlyList<double> DefaultMillisecondBuckets =
        [0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000];

    /// <summary>Histogram bucket bounds, in milliseconds, of our <c>Cluster.*</c> instruments measured in "ms" that do not
    /// advise their own. Default (when not set) 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000,
    /// 60000, 300000. Not initialised here: the configuration binder appends to an array it finds, so configured bounds
    /// would follow the defaults instead of replacing them.</summary>
    public double[]? MillisecondBuckets { get; set; }

    /// <summary>The bounds in force: <see cref="MillisecondBuckets"/> when set, else <see cref="DefaultMillisecondBuckets"/>.</summary>
    public double[] EffectiveMillisecondBuckets => MillisecondBuckets is { Length: > 0 } bounds ? bounds : [.. DefaultMillisecondBuckets];
}
