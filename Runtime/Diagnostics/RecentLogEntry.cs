namespace Cluster.Runtime.Diagnostics;

/// <summary>One warning or error a silo logged recently, as served by <c>/cluster/v1/logs</c> and merged
/// across silos by the dashboard. The message is the rendered log message (the host must not log secrets).</summary>
public sealed record RecentLogEntry(
    long Sequence,
    DateTimeOffset Timestamp,
    string Level,
    string Category,
    int EventId,
    string Message,
    string? Exception,
    string? SiloId);
