namespace Cluster.Grains.Abstractions.Admin;

/// <summary>A latency histogram as counts per fixed bucket, so histograms of several pairs can be merged exactly (a p95
/// cannot be merged from p95s). <see cref="BucketBoundsMs"/> are upper bounds; the last count takes everything above.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.LatencyHistogramSnapshot")]
public sealed record LatencyHistogramSnapshot([Id(0)] IReadOnlyList<double> BucketBoundsMs, [Id(1)] IReadOnlyList<long> Counts, [Id(2)] long Count, [Id(3)] double SumMs, [Id(4)] double MaxMs);
