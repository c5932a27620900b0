using Cluster.Runtime;
namespace Cluster.Bench.Runtime;

/// <summary>The smallest useful grain: one call that echoes a number.</summary>
public interface IBenchGrain : IGrainWithStringKey
{
    Task<int> EchoAsync(int value);
}
