namespace Cluster.Runtime.Management;

/// <summary>The call statistics of this silo, exposed by the silo core (invocation) and published by the
/// membership service with every heartbeat, so management reads them cluster-wide from the membership table.</summary>
public interface ICallStatisticsSource
{
    /// <summary>Calls handled by this silo since it started (for calls per second).</summary>
    long TotalCalls { get; }

    /// <summary>Calls, errors and latency per grain type and method since the silo started.</summary>
    IReadOnlyList<MethodCallStats> Snapshot();
}
