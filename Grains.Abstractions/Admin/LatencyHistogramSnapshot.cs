namespace Cluster.Grains.Abstractions.Admin;

/// <summary>A latency histogram as counts per fixed bucket, so histograms of several pairs can be merged exactly (a p95
/// cannot be merged from p95s). <see cref="BucketBoundsMs"/> are upper bounds; the last count takes everything above.</summary>
public sealed record LatencyHistogramSnapshot(IReadOnlyList<double> BucketBoundsMs, IReadOnlyList<long> Counts, long Count, double SumMs, double MaxMs);
