using Cluster.Grains.Abstractions.Guard;

namespace Cluster.Grains.Guard;

/// <summary>The stored state of the guard registry: the latest summary of every protected group, by group id.</summary>
public sealed class GuardRegistryState
{
    public Dictionary<long, ProtectedGroupSummary> Groups { get; set; } = [];
}
