using System.Text.Json;
using Cluster.Grains.Forwarding;

namespace Cluster.Grains.Tests.Forwarding;

public class LatencyHistogramTests
{
    [Fact]
    public void Empty_histogram_reports_zeros()
    {
        var summary = new LatencyHistogram().ToSummary();
        Assert.Equal(0, summary.Count);
        Assert.Equal(0, summary.P99Ms);
    }

    [Fact]
    public void Percentiles_are_bucket_upper_bounds()
    {
        var h = new LatencyHistogram();
        for (var i = 0; i < 90; i++) h.Record(TimeSpan.FromMilliseconds(40));   // bucket <= 50
        for (var i = 0; i < 9; i++) h.Record(TimeSpan.FromMilliseconds(400));   // bucket <= 500
        h.Record(TimeSpan.FromSeconds(4));                                       // bucket <= 5000
        var s = h.ToSummary();
        Assert.Equal(100, s.Count);
        Assert.Equal(50, s.P50Ms);
        Assert.Equal(500, s.P95Ms);
        Assert.Equal(500, s.P99Ms);
        Assert.Equal(4000, s.MaxMs);
        Assert.Equal((90 * 40 + 9 * 400 + 4000) / 100.0, s.MeanMs, 6);
    }

    [Fact]
    public void Percentile_never_exceeds_the_largest_value()
    {
        var h = new LatencyHistogram();
        h.Record(TimeSpan.FromMilliseconds(30));
        Assert.Equal(30, h.Percentile(0.99));
    }

    [Fact]
    public void Values_beyond_the_last_bound_report_the_maximum()
    {
        var h = new LatencyHistogram();
        h.Record(TimeSpan.FromHours(3));
        Assert.Equal(TimeSpan.FromHours(3).TotalMilliseconds, h.Percentile(0.5));
    }

    [Fact]
    public void Negative_latency_from_clock_skew_counts_as_zero()
    {
        var h = new LatencyHistogram();
        h.Record(TimeSpan.FromSeconds(-2));
        Assert.Equal(0, h.MaxMs);
        Assert.Equal(1, h.Count);
    }

    [Fact]
    public void Survives_a_round_trip_through_json()
    {
        var h = new LatencyHistogram();
        h.Record(TimeSpan.FromMilliseconds(7));
        h.Record(TimeSpan.FromMilliseconds(700));
        var json = JsonSerializer.Serialize(h.ToState(), GrainStateJsonContext.Default.LatencyHistogramState);
        var restored = new LatencyHistogram(JsonSerializer.Deserialize(json, GrainStateJsonContext.Default.LatencyHistogramState));
        Assert.Equal(h.ToSummary(), restored.ToSummary());
    }

    [Fact]
    public void A_stored_histogram_with_another_layout_is_dropped()
    {
        var restored = new LatencyHistogram(new LatencyHistogramState([1, 2, 3], 6, 10, 5));
        Assert.Equal(0, restored.Count);
    }
}
