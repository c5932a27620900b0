using System.Globalization;
using System.Runtime;

namespace Cluster.Bench.Forwarding;

/// <summary>The process's managed allocations, garbage collections and JIT work so far, so a benchmark phase can say what
/// it cost besides CPU time: allocations do not depend on the shared machine's load, and JIT time shows how much of the
/// phase's CPU went into compiling code (a one-time cost of a young process) rather than into forwarding.</summary>
public readonly record struct RuntimeCounters(long AllocatedBytes, int Gen0, int Gen1, int Gen2, long JitMethods, TimeSpan JitTime)
{
    public static RuntimeCounters Now()
        => new(GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());

    public static RuntimeCounters operator -(RuntimeCounters after, RuntimeCounters before)
        => new(after.AllocatedBytes - before.AllocatedBytes, after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2,
            after.JitMethods - before.JitMethods, after.JitTime - before.JitTime);

    /// <summary>"N KB allocated per message, collections gen0/gen1/gen2 a/b/c, JIT m methods in t ms" for
    /// <paramref name="messages"/> messages.</summary>
    public string Describe(long messages)
        => string.Create(CultureInfo.InvariantCulture,
            $"{AllocatedBytes / 1024.0 / Math.Max(1, messages):0.0} KB allocated per message, collections gen0/gen1/gen2 {Gen0}/{Gen1}/{Gen2}, JIT compiled {JitMethods} methods in {JitTime.TotalMilliseconds:0} ms");
}
