namespace Cluster.Runtime.Tests.Core.Grains;

/// <summary>A persistent counter that tells where it runs: activation, state and placement tests.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();
    Task<int> GetAsync();
    Task<string> GetSiloAsync();
    Task<List<string>> GetActivationSilosAsync();
    Task DeactivateAsync();
}
