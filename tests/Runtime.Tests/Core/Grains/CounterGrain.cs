using Cluster.Runtime.Membership;

namespace Cluster.Runtime.Tests.Core.Grains;

/// <summary>Counts calls in persistent state; records each silo it was activated on. Placed on the calling silo,
/// so tests choose the silo by choosing whose grain factory calls first.</summary>
[PreferLocalPlacement]
public sealed class CounterGrain(
    [PersistentState("counter")] IPersistentState<CounterState> counter,
    ISiloMembership membership) : Grain, ICounterGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        counter.State.Silos.Add(membership.LocalSiloId);
        await counter.WriteStateAsync(cancellationToken);
    }

    public async Task<int> IncrementAsync()
    {
        counter.State.Value++;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(counter.State.Value);

    public Task<string> GetSiloAsync() => Task.FromResult(membership.LocalSiloId);

    public Task<List<string>> GetActivationSilosAsync() => Task.FromResult(counter.State.Silos);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
