using Cluster.Grains.Abstractions.Registry;

namespace Cluster.Grains.Registry;

/// <summary>The stored state of the fleet registry: the latest summary of every account and pair, by id.</summary>
public sealed record FleetRegistryState
{
    public IReadOnlyDictionary<string, AccountSummary> Accounts { get; init; } = new Dictionary<string, AccountSummary>();

    public IReadOnlyDictionary<string, PairSummary> Pairs { get; init; } = new Dictionary<string, PairSummary>();
}
