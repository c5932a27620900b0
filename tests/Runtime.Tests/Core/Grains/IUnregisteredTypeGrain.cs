namespace Cluster.Runtime.Tests.Core.Grains;

/// <summary>An interface whose types a runtime without <see cref="CoreTestJsonContext"/> cannot serialise.</summary>
public interface IUnregisteredTypeGrain : IGrainWithStringKey
{
    Task<CounterState> ReadAsync();
}
