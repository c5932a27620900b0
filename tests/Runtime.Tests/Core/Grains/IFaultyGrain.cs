namespace Cluster.Runtime.Tests.Core.Grains;

/// <summary>Fails on purpose: exception propagation and timeout tests.</summary>
public interface IFaultyGrain : IGrainWithStringKey
{
    Task ThrowInvalidOperationAsync(string message);
    Task<int> ThrowWithoutStringConstructorAsync();
    Task<string> SlowAsync(int milliseconds);
    Task<string> PingAsync();
}
