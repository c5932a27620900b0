namespace Cluster.AdminBot.Tests.Infrastructure;

/// <summary>One simulated cluster (simulator, a silo, the admin bot) shared by the tests of the "Cluster" collection;
/// each test uses its own worker and pair ids.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private SimulatedCluster? _cluster;

    internal SimulatedCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster did not start.");

    public async Task InitializeAsync() => _cluster = await SimulatedCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
