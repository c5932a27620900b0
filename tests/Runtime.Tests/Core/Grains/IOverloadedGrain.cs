namespace Cluster.Runtime.Tests.Core.Grains;

/// <summary>An interface the runtime must refuse: overloaded method. No class implements it (it would stop every test silo).</summary>
public interface IOverloadedGrain : IGrainWithStringKey
{
    Task SetAsync(int value);
    Task SetAsync(string value);
}
