using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Pairs;

namespace Cluster.Grains.Abstractions.Registry;

/// <summary>Counts for the dashboard's header and /workers' first line.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.FleetOverview")]
public sealed record FleetOverview(
    [Id(0)] int Accounts,
    [Id(1)] IReadOnlyDictionary<AccountState, int> AccountsByState,
    [Id(2)] int Pairs,
    [Id(3)] IReadOnlyDictionary<PairState, int> PairsByState,
    [Id(4)] DateTimeOffset AsOf);
