namespace Cluster.Runtime;

/// <summary>What operators see of the cluster: silos, activations, call statistics; used by the admin
/// bot's /silos and the dashboard. Available on silos and on cluster clients.</summary>
public interface IClusterManagement
{
    Task<IReadOnlyList<SiloSummary>> GetSilosAsync(CancellationToken cancellationToken = default);

    /// <summary>Activations per grain type and silo, cluster-wide.</summary>
    Task<IReadOnlyList<ActivationCount>> GetActivationCountsAsync(CancellationToken cancellationToken = default);

    /// <summary>Calls, errors and latency per grain type and method, per silo, since each silo started.</summary>
    Task<IReadOnlyList<MethodCallStats>> GetCallStatsAsync(CancellationToken cancellationToken = default);

    /// <summary>Where a grain is active now, or null when it is not active anywhere.</summary>
    Task<GrainLocation?> LocateAsync(GrainId grainId, CancellationToken cancellationToken = default);

    /// <summary>The stored states of a grain, as JSON by state name, and its reminders.</summary>
    Task<GrainDetails> GetGrainDetailsAsync(GrainId grainId, CancellationToken cancellationToken = default);

    /// <summary>Asks every active silo to run a rebalancing round now rather than at its next interval (from a silo
    /// or a cluster client); throws when no silo could be asked.</summary>
    Task RequestRebalanceAsync(CancellationToken cancellationToken = default);
}

public enum SiloStatus { Joining, Active, ShuttingDown, Left, Dead }

/// <summary>A silo as the membership table and its own published load describe it.</summary>
public sealed record SiloSummary(
    string SiloId,
    string Address,
    string HostName,
    SiloStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeat,
    SiloLoad Load);

/// <summary>The load a silo publishes with each heartbeat.</summary>
public sealed record SiloLoad(
    int Activations,
    double CpuPercent,
    long MemoryBytes,
    IReadOnlyDictionary<string, int> ResourcesUsed,
    IReadOnlyDictionary<string, int> ResourceCapacity,
    double CallsPerSecond)
{
    public static SiloLoad Empty { get; } = new(0, 0, 0, new Dictionary<string, int>(), new Dictionary<string, int>(), 0);
}

public sealed record ActivationCount(string GrainType, string SiloId, int Count);

public sealed record MethodCallStats(
    string SiloId,
    string GrainType,
    string Method,
    long Calls,
    long Errors,
    double AverageMilliseconds,
    double P99Milliseconds);

public sealed record GrainLocation(GrainId GrainId, string SiloId, string Address, long Epoch);

public sealed record GrainDetails(
    GrainId GrainId,
    GrainLocation? Location,
    IReadOnlyDictionary<string, string> StatesJson,
    IReadOnlyList<GrainReminder> Reminders);
