using Cluster.Grains.Abstractions.Pairs;

namespace Cluster.Grains.Forwarding;

/// <summary>A latency histogram with fixed buckets from 5 ms to 1 hour (and one beyond), small enough to live in a
/// pair's state and cheap to update on every message. Percentiles are bucket upper bounds, capped by the largest
/// value seen, so they never understate a latency.</summary>
public sealed class LatencyHistogram
{
    /// <summary>Upper bounds of the buckets, in milliseconds; a last bucket takes everything above.</summary>
    public static IReadOnlyList<double> BucketBoundsMs { get; } =
        [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];

    private readonly long[] _counts = new long[BucketBoundsMs.Count + 1];

    public LatencyHistogram(LatencyHistogramState? state = null)
    {
        // A stored histogram with another bucket layout (an older version) is dropped rather than misread.
        if (state is null || state.Counts.Count != _counts.Length) return;
        for (var i = 0; i < _counts.Length; i++) _counts[i] = state.Counts[i];
        Count = state.Count;
        SumMs = state.SumMs;
        MaxMs = state.MaxMs;
    }

    public long Count { get; private set; }

    public double SumMs { get; private set; }

    public double MaxMs { get; private set; }

    /// <summary>Adds one measurement; negative values (clock skew) count as zero.</summary>
    public void Record(TimeSpan latency)
    {
        var ms = Math.Max(0, latency.TotalMilliseconds);
        var bucket = 0;
        while (bucket < BucketBoundsMs.Count && ms > BucketBoundsMs[bucket]) bucket++;
        _counts[bucket]++;
        Count++;
        SumMs += ms;
        MaxMs = Math.Max(MaxMs, ms);
    }

    /// <summary>The latency at or below which <paramref name="quantile"/> (0..1) of the measurements fall; 0 when empty.</summary>
    public double Percentile(double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        if (Count == 0) return 0;
        var rank = Math.Max(1, (long)Math.Ceiling(quantile * Count));
        long cumulative = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            cumulative += _counts[i];
            if (cumulative >= rank)
                return i < BucketBoundsMs.Count ? Math.Min(BucketBoundsMs[i], MaxMs) : MaxMs;
        }
        return MaxMs;
    }

    public LatencySummary ToSummary()
        => Count == 0 ? LatencySummary.Empty : new(Count, SumMs / Count, Percentile(0.50), Percentile(0.95), Percentile(0.99), MaxMs);

    public LatencyHistogramState ToState() => new(_counts.ToArray(), Count, SumMs, MaxMs);
}
