namespace Cluster.Runtime;

/// <summary>The registry of grains that must run even when nobody calls them (enabled accounts, pairs,
/// groups, bots). A keeper on every silo activates each registered grain that is not active anywhere.</summary>
public interface IAlwaysOnRegistry
{
    Task AddAsync<TGrainInterface>(string key, CancellationToken cancellationToken = default) where TGrainInterface : IGrainWithStringKey;
    Task RemoveAsync<TGrainInterface>(string key, CancellationToken cancellationToken = default) where TGrainInterface : IGrainWithStringKey;
    Task<IReadOnlyList<GrainId>> ListAsync(CancellationToken cancellationToken = default);
}
