using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Forwarding;

namespace Cluster.Grains.Pairs;

/// <summary>A pair's timing diagnostics (state "timings"): histograms and the most recent messages' timings. Written at
/// most every <see cref="ForwardingOptions.TimingsWriteInterval"/> and on deactivation, not with every message: a crash
/// may forget the last seconds of timings, never a message.</summary>
public sealed record PairTimingState
{
    public LatencyHistogramState? EndToEnd { get; init; }

    public LatencyHistogramState? Processing { get; init; }

    public IReadOnlyList<MessageTiming> Recent { get; init; } = [];
}
