namespace Cluster.Runtime.Tests.Core.Grains;

/// <summary>A grain interface no grain class implements: unknown grain tests.</summary>
public interface IUnhostedGrain : IGrainWithStringKey
{
    Task<string> HelloAsync();
}
