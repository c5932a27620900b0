namespace Cluster.Runtime.Activation;

/// <summary>A persistent state of an activation, as the runtime handles it before the grain runs: loaded
/// before OnActivateAsync.</summary>
internal interface IActivationState
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}
