using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Abstractions.Registry;

namespace Cluster.AdminBot.Fleet;

/// <summary>The handlers' way into the cluster: the fleet registry for lists and existence checks (so a mistyped id is
/// refused instead of activating an empty grain), grain references, and the silos (where an account is active now).</summary>
public sealed class FleetDirectory(IGrainFactory grains, ClusterView cluster)
{
    public IGrainFactory Grains => grains;

    /// <summary>The silos, their load, and where an account runs.</summary>
    public ClusterView Cluster => cluster;

    public IFleetRegistryGrain Registry => grains.GetGrain<IFleetRegistryGrain>(IFleetRegistryGrain.Key);

    public IAccountGrain Account(string accountId) => grains.GetGrain<IAccountGrain>(accountId);

    public IChannelPairGrain Pair(string pairId) => grains.GetGrain<IChannelPairGrain>(pairId);

    public Task<IReadOnlyList<AccountSummary>> AccountsAsync() => Registry.ListAccountsAsync();

    public Task<IReadOnlyList<PairSummary>> PairsAsync(string? accountId = null) => Registry.ListPairsAsync(accountId);

    public async Task<AccountSummary?> FindAccountAsync(string accountId)
        => (await Registry.ListAccountsAsync()).FirstOrDefault(a => string.Equals(a.AccountId, accountId, StringComparison.Ordinal));

    public async Task<PairSummary?> FindPairAsync(string pairId)
        => (await Registry.ListPairsAsync(null)).FirstOrDefault(p => string.Equals(p.PairId, pairId, StringComparison.Ordinal));

    /// <summary>Removes an account completely (configuration, session, registries), for a worker whose adding was given up;
    /// returns what happened, for the reply.</summary>
    public async Task<string> RemoveAccountAsync(string accountId)
    {
        try
        {
            await Account(accountId).DeleteAsync();
            return $"Worker {accountId} was removed.";
        }
        catch (NotImplementedException)
        {
            // Until account deletion exists grain-side: at least nothing runs.
            await Account(accountId).StopAsync();
            return $"Worker {accountId} was stopped (this cluster cannot remove workers yet).";
        }
    }
}
