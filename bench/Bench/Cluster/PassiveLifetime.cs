using Microsoft.Extensions.Hosting;

namespace Cluster.Bench.ClusterBench;

/// <summary>A host lifetime that leaves SIGINT and SIGTERM alone: the benchmark's processes handle their signals themselves
/// (the benchmark kills its silos and its PostgreSQL server, then ends), instead of the console lifetime cancelling the
/// signal to stop a host nobody waits on.</summary>
internal sealed class PassiveLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
