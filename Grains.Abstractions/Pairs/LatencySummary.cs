namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>A latency distribution in milliseconds. Percentiles are the upper bounds of fixed histogram
/// buckets (so "p95 = 500" means 95% took at most 500 ms); zero when nothing was measured.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.LatencySummary")]
public sealed record LatencySummary([Id(0)] long Count, [Id(1)] double MeanMs, [Id(2)] double P50Ms, [Id(3)] double P95Ms, [Id(4)] double P99Ms, [Id(5)] double MaxMs)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0);
}
