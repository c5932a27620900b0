namespace Cluster.Silo.Dashboard.Logs;

/// <summary>One warning or error this silo logged recently, as the dashboard's log tail shows it. The message is the
/// rendered log message, masked (the silo must not log secrets in the first place).</summary>
public sealed record RecentLogEntry(
    long Sequence,
    DateTimeOffset Timestamp,
    string Level,
    string Category,
    int EventId,
    string Message,
    string? Exception,
    string? SiloId);
