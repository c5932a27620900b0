namespace Cluster.Grains.Abstractions.Admin;

/// <summary>A pair's timing histograms and forwarded count, for merging into its account's statistics
/// (<c>IChannelPairGrain.GetLatencyHistogramsAsync</c>).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.PairLatencyHistograms")]
public sealed record PairLatencyHistograms([Id(0)] string PairId, [Id(1)] string? AccountId, [Id(2)] long Forwarded, [Id(3)] LatencyHistogramSnapshot Forward, [Id(4)] LatencyHistogramSnapshot Processing);
