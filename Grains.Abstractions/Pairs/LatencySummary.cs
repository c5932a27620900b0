namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>A latency distribution in milliseconds. Percentiles are the upper bounds of fixed histogram
/// buckets (so "p95 = 500" means 95% took at most 500 ms); zero when nothing was measured.</summary>
public sealed record LatencySummary(long Count, double MeanMs, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0);
}
