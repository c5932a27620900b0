namespace Cluster.Runtime.TestSiloApp;

/// <summary>A plain grain for call tests and the benchmark: answers with the hosting silo's id.</summary>
public interface ICallTestGrain : IGrainWithStringKey
{
    Task<string> PingAsync(int sequence);
}
