using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Abstractions.Registry;
using Cluster.Runtime;

namespace Cluster.AdminBot.Fleet;

/// <summary>The handlers' way into the cluster: the fleet registry for lists and existence checks (so a mistyped id is
/// refused instead of activating an empty grain), grain references, and where an account is active now.</summary>
public sealed class FleetDirectory(IGrainFactory grains, IClusterManagement management)
{
    /// <summary>The runtime type name of the account grain (its [GrainType]), for locating activations.</summary>
    public const string AccountGrainType = "account";

    public IGrainFactory Grains => grains;

    public IClusterManagement Management => management;

    public IFleetRegistryGrain Registry => grains.GetGrain<IFleetRegistryGrain>(IFleetRegistryGrain.Key);

    public IAccountGrain Account(string accountId) => grains.GetGrain<IAccountGrain>(accountId);

    public IChannelPairGrain Pair(string pairId) => grains.GetGrain<IChannelPairGrain>(pairId);

    public Task<IReadOnlyList<AccountSummary>> AccountsAsync() => Registry.ListAccountsAsync();

    public Task<IReadOnlyList<PairSummary>> PairsAsync(string? accountId = null) => Registry.ListPairsAsync(accountId);

    public async Task<AccountSummary?> FindAccountAsync(string accountId)
        => (await Registry.ListAccountsAsync()).FirstOrDefault(a => string.Equals(a.AccountId, accountId, StringComparison.Ordinal));

    public async Task<PairSummary?> FindPairAsync(string pairId)
        => (await Registry.ListPairsAsync(null)).FirstOrDefault(p => string.Equals(p.PairId, pairId, StringComparison.Ordinal));

    /// <summary>The silo an account is active on now, or null when it is active nowhere.</summary>
    public async Task<SiloSummary?> SiloOfAccountAsync(string accountId, IReadOnlyList<SiloSummary> silos, CancellationToken cancellationToken)
    {
        var location = await management.LocateAsync(new GrainId(AccountGrainType, accountId), cancellationToken);
        return location is null ? null : silos.FirstOrDefault(s => s.SiloId == location.SiloId) ?? new SiloSummary(location.SiloId, location.Address, "", SiloStatus.Active, default, default, SiloLoad.Empty);
    }

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
