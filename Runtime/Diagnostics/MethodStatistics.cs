namespace Cluster.Runtime.Diagnostics;

/// <summary>Calls, errors and a latency histogram of one grain method on this silo, updated lock-free.
/// Buckets grow by 2^(1/4) from 10 µs, so the p99 is reported within about 19%.</summary>
public sealed class MethodStatistics(string grainType, string method)
{
    private const int BucketCount = 96;
    private const double FirstBucketMs = 0.01;
    private const double BucketsPerDoubling = 4;
    private readonly long[] _buckets = new long[BucketCount];
    private long _calls;
    private long _errors;
    private long _totalMicroseconds;

    public string GrainType { get; } = grainType;
    public string Method { get; } = method;
    public long Calls => Interlocked.Read(ref _calls);

    public void Record(TimeSpan elapsed, bool failed)
    {
        Interlocked.Increment(ref _calls);
        if (failed) Interlocked.Increment(ref _errors);
        Interlocked.Add(ref _totalMicroseconds, (long)(elapsed.Ticks / 10.0));
        Interlocked.Increment(ref _buckets[BucketOf(elapsed.TotalMilliseconds)]);
    }

    private static int BucketOf(double milliseconds)
    {
        if (milliseconds <= FirstBucketMs) return 0;
        var index = (int)Math.Ceiling(Math.Log2(milliseconds / FirstBucketMs) * BucketsPerDoubling);
        return Math.Min(index, BucketCount - 1);
    }

    private static double UpperBoundMs(int bucket) => FirstBucketMs * Math.Pow(2, bucket / BucketsPerDoubling);

    public MethodCallStats Snapshot(string siloId)
    {
        var calls = Interlocked.Read(ref _calls);
        var average = calls == 0 ? 0 : Interlocked.Read(ref _totalMicroseconds) / 1000.0 / calls;
        return new MethodCallStats(siloId, GrainType, Method, calls, Interlocked.Read(ref _errors), average, Percentile(0.99));
    }

    private double Percentile(double fraction)
    {
        var counts = new long[BucketCount];
        long total = 0;
        for (var i = 0; i < BucketCount; i++) total += counts[i] = Interlocked.Read(ref _buckets[i]);
        if (total == 0) return 0;
        var rank = (long)Math.Ceiling(total * fraction);
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += counts[i];
            if (seen >= rank) return UpperBoundMs(i);
        }
        return UpperBoundMs(BucketCount - 1);
    }
}
