using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Forwarding;

namespace Cluster.Grains.Pairs;

/// <summary>A pair's timing diagnostics (state "timings"): histograms and the most recent messages' timings. Written at
/// most every <see cref="ForwardingOptions.TimingsWriteInterval"/> and on deactivation, not with every message: a crash
/// may forget the last seconds of timings, never a message.</summary>
/// <remarks>The forward histogram and the recent timings are stored under new names (<c>Forward</c>, <c>Latest</c>):
/// what earlier versions stored under <c>EndToEnd</c> and <c>Recent</c> was measured from Telegram's message date, and is
/// skipped when read rather than mixed into figures measured from arrival.</remarks>
public sealed record PairTimingState
{
    public LatencyHistogramState? Forward { get; init; }

    public LatencyHistogramState? Processing { get; init; }

    public IReadOnlyList<MessageTiming> Latest { get; init; } = [];
}
