using System.Globalization;

namespace Cluster.Bench.Forwarding;

/// <summary>The process's managed allocations and garbage collections so far, so a benchmark phase can say what it cost
/// the heap besides CPU time: on a shared machine these do not depend on the other processes' load.</summary>
public readonly record struct HeapCounters(long AllocatedBytes, int Gen0, int Gen1, int Gen2)
{
    public static HeapCounters Now()
        => new(GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    public static HeapCounters operator -(HeapCounters after, HeapCounters before)
        => new(after.AllocatedBytes - before.AllocatedBytes, after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2);

    /// <summary>"N KB allocated per message, collections gen0/gen1/gen2 a/b/c" for <paramref name="messages"/> messages.</summary>
    public string Describe(long messages)
        => string.Create(CultureInfo.InvariantCulture, $"{AllocatedBytes / 1024.0 / Math.Max(1, messages):0.0} KB allocated per message, collections gen0/gen1/gen2 {Gen0}/{Gen1}/{Gen2}");
}
