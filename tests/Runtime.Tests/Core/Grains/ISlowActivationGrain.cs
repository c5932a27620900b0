namespace Cluster.Runtime.Tests.Core.Grains;

/// <summary>A grain whose activation waits until it is cancelled (like an account still connecting its session):
/// fencing tests check that a fence cancels it rather than deactivating it beside the running activation.</summary>
public interface ISlowActivationGrain : IGrainWithStringKey
{
    Task<string> PingAsync();
}
