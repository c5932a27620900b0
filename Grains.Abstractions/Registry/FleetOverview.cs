using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Pairs;

namespace Cluster.Grains.Abstractions.Registry;

/// <summary>Counts for the dashboard's header and /workers' first line.</summary>
public sealed record FleetOverview(
    int Accounts,
    IReadOnlyDictionary<AccountState, int> AccountsByState,
    int Pairs,
    IReadOnlyDictionary<PairState, int> PairsByState,
    DateTimeOffset AsOf);
