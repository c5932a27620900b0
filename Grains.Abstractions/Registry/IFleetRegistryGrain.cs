
namespace Cluster.Grains.Abstractions.Registry;

/// <summary>The list of accounts and pairs, for admins and the dashboard. A single grain (key
/// <see cref="Key"/>); account and pair grains push their summaries to it, readers only read.</summary>
[Alias("Cluster.IFleetRegistryGrain")]
public interface IFleetRegistryGrain : IGrainWithStringKey
{
    /// <summary>The key of the one registry grain.</summary>
    const string Key = "fleet";

    [Alias("UpdateAccountAsync")]
    Task UpdateAccountAsync(AccountSummary summary);

    [Alias("RemoveAccountAsync")]
    Task RemoveAccountAsync(string accountId);

    [Alias("UpdatePairAsync")]
    Task UpdatePairAsync(PairSummary summary);

    [Alias("RemovePairAsync")]
    Task RemovePairAsync(string pairId);

    /// <summary>All accounts, ordered by id.</summary>
    [AlwaysInterleave]
    [Alias("ListAccountsAsync")]
    Task<IReadOnlyList<AccountSummary>> ListAccountsAsync();

    /// <summary>All pairs ordered by id, or only those of one account.</summary>
    [AlwaysInterleave]
    [Alias("ListPairsAsync")]
    Task<IReadOnlyList<PairSummary>> ListPairsAsync(string? accountId);

    [AlwaysInterleave]
    [Alias("GetOverviewAsync")]
    Task<FleetOverview> GetOverviewAsync();
}
