namespace Cluster.Silo.Metrics;

/// <summary>The running value of one labelled series: a counter's total, a gauge's latest value, or a histogram's
/// bucket counts and sum. Updated lock-free from any thread; read by a scrape.</summary>
internal sealed class MetricSeries(int bounds)
{
    private readonly long[] _buckets = bounds > 0 ? new long[bounds + 1] : [];
    private double _value;
    private double _sum;

    public double Value => Volatile.Read(ref _value);

    public double Sum => Volatile.Read(ref _sum);

    public void Add(double amount) => AddTo(ref _value, amount);

    public void Set(double value) => Volatile.Write(ref _value, value);

    /// <summary>Counts <paramref name="value"/> in the first bucket whose bound is at least the value (Prometheus' "le"),
    /// or in the bucket above the last bound.</summary>
    public void Observe(double value, double[] upperBounds)
    {
        if (double.IsNaN(value)) return;
        var index = Array.BinarySearch(upperBounds, value);
        if (index < 0) index = ~index;
        Interlocked.Increment(ref _buckets[index]);
        AddTo(ref _sum, value);
    }

    /// <summary>A copy of the bucket counts (one per bound, plus one above the last).</summary>
    public long[] BucketCounts()
    {
        var copy = new long[_buckets.Length];
        for (var i = 0; i < copy.Length; i++) copy[i] = Interlocked.Read(ref _buckets[i]);
        return copy;
    }

    private static void AddTo(ref double target, double amount)
    {
        var current = Volatile.Read(ref target);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref target, current + amount, current);
            if (seen.Equals(current)) return;
            current = seen;
        }
    }
}
