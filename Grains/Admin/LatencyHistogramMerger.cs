using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Forwarding;

namespace Cluster.Grains.Admin;

/// <summary>Merges the latency histograms of several pairs into one summary by adding their bucket counts, so the
/// account's p95 is the p95 of all its messages (not an average of p95s).</summary>
public static class LatencyHistogramMerger
{
    /// <summary>The merged summary; snapshots with another bucket layout (another version) are left out.</summary>
    public static LatencySummary Merge(IEnumerable<LatencyHistogramSnapshot> snapshots)
    {
        var bounds = LatencyHistogram.BucketBoundsMs;
        var counts = new long[bounds.Count + 1];
        long count = 0;
        double sum = 0, max = 0;
        foreach (var s in snapshots)
        {
            if (s.Count == 0 || s.Counts.Count != counts.Length || !s.BucketBoundsMs.SequenceEqual(bounds)) continue;
            for (var i = 0; i < counts.Length; i++) counts[i] += s.Counts[i];
            count += s.Count;
            sum += s.SumMs;
            max = Math.Max(max, s.MaxMs);
        }
        return new LatencyHistogram(new LatencyHistogramState(counts, count, sum, max)).ToSummary();
    }
}
