using Cluster.Grains.Abstractions.Admin;

namespace Cluster.Grains.Admin;

/// <summary>The stored state of the audit log: the kept entries, oldest first, and the last sequence number given.</summary>
public sealed record AuditLogState
{
    public IReadOnlyList<AuditEntry> Entries { get; init; } = [];

    public long LastSequence { get; init; }
}
