using Cluster.Runtime.Placement;
using Cluster.Runtime.Storage;

namespace Cluster.Runtime.Keeping;

/// <summary>The always-on registry over the cluster's always-on table: grain interface and key become a grain id
/// of the implementing type, which the keepers then keep active.</summary>
internal sealed class AlwaysOnRegistry(IClusterStorage storage, IGrainTypeLookup types) : IAlwaysOnRegistry
{
    public Task AddAsync<TGrainInterface>(string key, CancellationToken cancellationToken = default) where TGrainInterface : IGrainWithStringKey
    {
        var id = IdOf<TGrainInterface>(key);
        return storage.AlwaysOn.AddAsync(id.ToString(), id.Type, cancellationToken);
    }

    public Task RemoveAsync<TGrainInterface>(string key, CancellationToken cancellationToken = default) where TGrainInterface : IGrainWithStringKey
        => storage.AlwaysOn.RemoveAsync(IdOf<TGrainInterface>(key).ToString(), cancellationToken);

    public async Task<IReadOnlyList<GrainId>> ListAsync(CancellationToken cancellationToken = default)
    {
        var entries = await storage.AlwaysOn.ListAsync(cancellationToken);
        return entries.Select(e => GrainId.Parse(e.GrainId)).ToList();
    }

    private GrainId IdOf<TGrainInterface>(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var type = types.FindByInterface(typeof(TGrainInterface))
            ?? throw new ArgumentException($"No grain class hosted by this silo implements {typeof(TGrainInterface).FullName}.", nameof(TGrainInterface));
        return new GrainId(type.Name, key);
    }
}
