using Cluster.Runtime;
namespace Cluster.Bench.Runtime;

/// <summary>An empty grain: measures the runtime's own cost per call and per activation.</summary>
[PreferLocalPlacement]
public sealed class BenchGrain : Grain, IBenchGrain
{
    public Task<int> EchoAsync(int value) => Task.FromResult(value);
}
