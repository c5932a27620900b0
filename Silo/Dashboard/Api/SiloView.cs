namespace Cluster.Silo.Dashboard.Api;

/// <summary>One silo as the dashboard's cluster table shows it: membership status, address, uptime and the load it
/// publishes with its heartbeat (CPU, memory, activations, capacity used per resource).</summary>
public sealed record SiloView(
    string SiloId,
    string Address,
    string HostName,
    string Status,
    bool IsSelf,
    DateTimeOffset StartedAt,
    double UptimeSeconds,
    DateTimeOffset LastHeartbeat,
    double CpuPercent,
    long MemoryBytes,
    int Activations,
    double CallsPerSecond,
    IReadOnlyDictionary<string, int> ResourcesUsed,
    IReadOnlyDictionary<string, int> ResourceCapacity);
