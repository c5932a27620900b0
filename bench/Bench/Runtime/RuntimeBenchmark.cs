namespace Cluster.Bench.Runtime;

/// <summary>Placeholder: the runtime benchmark measured the home-made actor runtime (remote calls/s with 64 callers, latency
/// at a paced 1,000 calls/s, bytes per idle activation, and a cluster of silo processes). That runtime is gone; the benchmark
/// is being rewritten for Orleans (on TestSupport's GrainCluster and on separate silo processes) and prints no figures until then.</summary>
public static class RuntimeBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        _ = args;
        Console.Error.WriteLine("The runtime benchmark measured the home-made actor runtime, which is gone; it is being rewritten for Orleans. " +
            "Meanwhile: Bench forwarding, Bench guard, Bench telegram.");
        return Task.FromResult(3);
    }
}
