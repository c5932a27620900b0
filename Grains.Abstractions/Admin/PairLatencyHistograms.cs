namespace Cluster.Grains.Abstractions.Admin;

/// <summary>A pair's timing histograms and forwarded count, for merging into its account's statistics
/// (<c>IChannelPairGrain.GetLatencyHistogramsAsync</c>).</summary>
public sealed record PairLatencyHistograms(string PairId, string? AccountId, long Forwarded, LatencyHistogramSnapshot EndToEnd, LatencyHistogramSnapshot Processing);
