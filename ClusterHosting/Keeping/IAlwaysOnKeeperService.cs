using Orleans.Services;

namespace Cluster.Hosting.Keeping;

/// <summary>The keeper grain service: one per silo, each owning a range of the consistent ring. Registrations are routed
/// to the keeper owning the grain's hash.</summary>
[Alias("Cluster.IAlwaysOnKeeperService")]
public interface IAlwaysOnKeeperService : IGrainService
{
    [Alias("AddAsync")]
    Task AddAsync(GrainId grain);

    [Alias("RemoveAsync")]
    Task RemoveAsync(GrainId grain);

    /// <summary>How many grains this keeper keeps (its range of the registry).</summary>
    [Alias("CountAsync")]
    Task<int> CountAsync();
}
