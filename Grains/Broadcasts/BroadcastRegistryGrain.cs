using Cluster.Grains.Abstractions.Broadcasts;

namespace Cluster.Grains.Broadcasts;

/// <summary>The cluster's latest broadcasts (see <see cref="IBroadcastRegistryGrain"/>).</summary>
[GrainType("broadcast-registry")]
public sealed class BroadcastRegistryGrain([PersistentState("registry")] IPersistentState<BroadcastRegistryState> state) : Grain, IBroadcastRegistryGrain
{
    public async Task AddAsync(string broadcastId)
    {
        ArgumentException.ThrowIfNullOrEmpty(broadcastId);
        var latest = state.State.Latest;
        latest.Remove(broadcastId);
        latest.Insert(0, broadcastId);
        if (latest.Count > IBroadcastRegistryGrain.Kept) latest.RemoveRange(IBroadcastRegistryGrain.Kept, latest.Count - IBroadcastRegistryGrain.Kept);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.Latest.ToList());
}
