using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Admin;
using Cluster.Grains.Forwarding;

namespace Cluster.Grains.Tests.Admin;

public sealed class LatencyHistogramMergerTests
{
    private static LatencyHistogramSnapshot Snapshot(params double[] ms)
    {
        var histogram = new LatencyHistogram();
        foreach (var m in ms) histogram.Record(TimeSpan.FromMilliseconds(m));
        var state = histogram.ToState();
        return new LatencyHistogramSnapshot(LatencyHistogram.BucketBoundsMs, state.Counts, state.Count, state.SumMs, state.MaxMs);
    }

    [Fact]
    public void The_p95_of_merged_pairs_is_the_p95_of_all_their_messages()
    {
        // 19 fast messages on one pair and one slow one on another: the account's p95 is fast, its max is slow.
        var fast = Snapshot(Enumerable.Repeat(8.0, 19).ToArray());
        var slow = Snapshot(4000);

        var merged = LatencyHistogramMerger.Merge([fast, slow]);

        Assert.Equal(20, merged.Count);
        Assert.Equal(10, merged.P95Ms);
        Assert.Equal(4000, merged.MaxMs);
        Assert.Equal((19 * 8 + 4000) / 20.0, merged.MeanMs, 6);
    }

    [Fact]
    public void Nothing_measured_merges_to_empty_and_a_foreign_bucket_layout_is_left_out()
    {
        var foreign = new LatencyHistogramSnapshot([1, 2], [5, 0, 0], 5, 5, 1);

        Assert.Equal(0, LatencyHistogramMerger.Merge([]).Count);
        Assert.Equal(1, LatencyHistogramMerger.Merge([foreign, Snapshot(30)]).Count);
    }
}
