using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Abstractions.Registry;

namespace Cluster.Grains.Registry;

/// <summary>The list of accounts and pairs for /workers, /pairs and the dashboard. Account and pair grains push their
/// summaries; readers interleave. Summaries are written at most once per <see cref="WriteInterval"/> (a lost summary
/// is pushed again by its grain on its next change), so a busy fleet does not turn into a write per message.</summary>
[GrainType("fleet-registry")]
[PreferLocalPlacement]
public sealed class FleetRegistryGrain(
    [PersistentState("fleet-registry")] IPersistentState<FleetRegistryState> state,
    TimeProvider clock) : Grain, IFleetRegistryGrain
{
    /// <summary>Least time between two state writes.</summary>
    public static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, AccountSummary> _accounts = [];
    private readonly Dictionary<string, PairSummary> _pairs = [];
    private DateTimeOffset _lastWrite;
    private bool _dirty;
    private IGrainTimer? _flush;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var (id, summary) in state.State.Accounts) _accounts[id] = summary;
        foreach (var (id, summary) in state.State.Pairs) _pairs[id] = summary;
        _flush = this.RegisterGrainTimer(_ => _dirty ? WriteAsync() : Task.CompletedTask, WriteInterval, WriteInterval);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _flush?.Dispose();
        return _dirty ? WriteAsync() : Task.CompletedTask;
    }

    public Task UpdateAccountAsync(AccountSummary summary)
    {
        _accounts[summary.AccountId] = summary;
        return Changed();
    }

    public Task RemoveAccountAsync(string accountId) => _accounts.Remove(accountId) ? WriteAsync() : Task.CompletedTask;

    public Task UpdatePairAsync(PairSummary summary)
    {
        _pairs[summary.PairId] = summary;
        return Changed();
    }

    public Task RemovePairAsync(string pairId) => _pairs.Remove(pairId) ? WriteAsync() : Task.CompletedTask;

    public Task<IReadOnlyList<AccountSummary>> ListAccountsAsync()
        => Task.FromResult<IReadOnlyList<AccountSummary>>(_accounts.Values.OrderBy(a => a.AccountId, StringComparer.Ordinal).ToList());

    public Task<IReadOnlyList<PairSummary>> ListPairsAsync(string? accountId)
        => Task.FromResult<IReadOnlyList<PairSummary>>(_pairs.Values
            .Where(p => accountId is null || p.AccountId == accountId)
            .OrderBy(p => p.PairId, StringComparer.Ordinal).ToList());

    public Task<FleetOverview> GetOverviewAsync()
        => Task.FromResult(new FleetOverview(
            _accounts.Count,
            _accounts.Values.GroupBy(a => a.State).ToDictionary(g => g.Key, g => g.Count()),
            _pairs.Count,
            _pairs.Values.GroupBy(p => p.State).ToDictionary(g => g.Key, g => g.Count()),
            clock.GetUtcNow()));

    private Task Changed()
    {
        _dirty = true;
        return clock.GetUtcNow() - _lastWrite >= WriteInterval ? WriteAsync() : Task.CompletedTask;
    }

    private async Task WriteAsync()
    {
        state.State = new FleetRegistryState
        {
            Accounts = new Dictionary<string, AccountSummary>(_accounts),
            Pairs = new Dictionary<string, PairSummary>(_pairs),
        };
        await state.WriteStateAsync();
        _dirty = false;
        _lastWrite = clock.GetUtcNow();
    }
}
