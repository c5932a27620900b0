namespace Cluster.Grains.Forwarding;

/// <summary>The stored form of a <see cref="LatencyHistogram"/>: the count of each fixed bucket, the total count, the
/// sum and the maximum in milliseconds.</summary>
public sealed record LatencyHistogramState(IReadOnlyList<long> Counts, long Count, double SumMs, double MaxMs);
