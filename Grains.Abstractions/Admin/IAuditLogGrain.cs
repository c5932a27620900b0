
namespace Cluster.Grains.Abstractions.Admin;

/// <summary>The audit log of state-changing admin commands (who, what, when, result): a single grain (key <see cref="Key"/>),
/// persisted, keeping the newest <c>Cluster:Admin:AuditLogCapacity</c> entries (1000) and dropping the oldest first.
/// Each entry is also written to the silo's log as structured fields.</summary>
[Alias("Cluster.IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>The key of the one audit log grain.</summary>
    const string Key = "audit";

    /// <summary>Appends an entry; returns it as stored (with its sequence number, and <see cref="AuditEntry.At"/> set to now
    /// when default). Arguments are masked again defensively (api_hash-like and phone-like values), but the caller must
    /// not pass secrets: replace them with <see cref="AuditEntry.Masked"/>.</summary>
    [Alias("AppendAsync")]
    Task<AuditEntry> AppendAsync(AuditEntry entry);

    /// <summary>The newest <paramref name="count"/> entries, newest first.</summary>
    [AlwaysInterleave]
    [Alias("ListRecentAsync")]
    Task<IReadOnlyList<AuditEntry>> ListRecentAsync(int count);
}
