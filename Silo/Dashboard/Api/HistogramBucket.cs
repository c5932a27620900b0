namespace Cluster.Silo.Dashboard.Api;

/// <summary>One bar of a latency histogram: how many of the recent messages took at most <see cref="UpperMs"/>
/// (and more than the previous bar's bound); the last bar is open-ended.</summary>
public sealed record HistogramBucket(string Label, double? UpperMs, long Count);
