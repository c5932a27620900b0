using Cluster.Grains.Abstractions.Keeping;
using Orleans.Runtime.Services;

namespace Cluster.Hosting.Keeping;

/// <summary>The grains' view of the always-on registry: each registration goes to the keeper that owns the grain's place
/// on the ring, which stores it and starts keeping it.</summary>
public sealed class AlwaysOnRegistryClient(IServiceProvider services)
    : GrainServiceClient<IAlwaysOnKeeperService>(services), IAlwaysOnRegistry
{
    public Task AddAsync(GrainId grain, CancellationToken cancellationToken = default) => GetGrainService(grain).AddAsync(grain);

    public Task RemoveAsync(GrainId grain, CancellationToken cancellationToken = default) => GetGrainService(grain).RemoveAsync(grain);
}
