namespace Cluster.Runtime.Tests.Core.Grains;

/// <summary>Keeps its persistent state where the test can reach it: fencing tests write through a stale activation.</summary>
public interface IFencedGrain : IGrainWithStringKey
{
    Task<string> TouchAsync();
}
