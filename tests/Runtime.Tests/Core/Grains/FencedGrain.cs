using System.Collections.Concurrent;
using Cluster.Runtime.Membership;

namespace Cluster.Runtime.Tests.Core.Grains;

/// <summary>See <see cref="IFencedGrain"/>: each activation publishes its state object under "siloId/key".</summary>
[PreferLocalPlacement]
public sealed class FencedGrain(
    [PersistentState("fenced")] IPersistentState<CounterState> state,
    ISiloMembership membership) : Grain, IFencedGrain
{
    public static readonly ConcurrentDictionary<string, IPersistentState<CounterState>> States = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        States[$"{membership.LocalSiloId}/{GetPrimaryKeyString()}"] = state;
        return Task.CompletedTask;
    }

    public async Task<string> TouchAsync()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return membership.LocalSiloId;
    }
}
