namespace Cluster.Runtime.Membership;

/// <summary>Everything a silo publishes with each heartbeat (stored as JSON in its membership row), so
/// placement, the rebalancer and management read the whole cluster's load from one table.</summary>
public sealed record PublishedLoad(
    int Activations,
    IReadOnlyDictionary<string, int> ActivationsByType,
    double CpuPercent,
    long MemoryBytes,
    IReadOnlyDictionary<string, int> ResourcesUsed,
    IReadOnlyDictionary<string, int> ResourceCapacity,
    double CallsPerSecond,
    IReadOnlyList<MethodCallStats> CallStats,
    bool Shedding)
{
    public static PublishedLoad Empty { get; } = new(0, new Dictionary<string, int>(), 0, 0,
        new Dictionary<string, int>(), new Dictionary<string, int>(), 0, [], false);

    public SiloLoad ToSiloLoad() => new(Activations, CpuPercent, MemoryBytes, ResourcesUsed, ResourceCapacity, CallsPerSecond);
}
