using Cluster.Runtime;

namespace Cluster.Grains.Abstractions.Registry;

/// <summary>The list of accounts and pairs, for admins and the dashboard. A single grain (key
/// <see cref="Key"/>); account and pair grains push their summaries to it, readers only read.</summary>
public interface IFleetRegistryGrain : IGrainWithStringKey
{
    /// <summary>The key of the one registry grain.</summary>
    const string Key = "fleet";

    Task UpdateAccountAsync(AccountSummary summary);

    Task RemoveAccountAsync(string accountId);

    Task UpdatePairAsync(PairSummary summary);

    Task RemovePairAsync(string pairId);

    /// <summary>All accounts, ordered by id.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<AccountSummary>> ListAccountsAsync();

    /// <summary>All pairs ordered by id, or only those of one account.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<PairSummary>> ListPairsAsync(string? accountId);

    [AlwaysInterleave]
    Task<FleetOverview> GetOverviewAsync();
}
