namespace Cluster.Runtime.Storage;

/// <summary>A silo's row in the membership table. Times come from the database's clock.</summary>
public sealed record MembershipEntry(
    string SiloId,
    string Address,
    string HostName,
    SiloStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeat,
    string LoadJson);

/// <summary>The membership table as read at one moment of the database clock.</summary>
public sealed record MembershipSnapshot(DateTimeOffset DatabaseNow, IReadOnlyList<MembershipEntry> Silos);

/// <summary>Who owns a grain. <see cref="SiloId"/> is null when the grain was released (deactivated);
/// the row and its epoch stay, so the epoch only ever grows.</summary>
public sealed record DirectoryEntry(string GrainId, string GrainType, string? SiloId, string? Address, long Epoch);

/// <summary>The outcome of a claim: <see cref="Granted"/> when the caller now owns the grain at
/// <see cref="Entry"/>.Epoch; otherwise <see cref="Entry"/> names the live owner.</summary>
public sealed record ClaimResult(bool Granted, DirectoryEntry Entry);

/// <summary>Proof of ownership carried by every state write: the writer's silo and its epoch of the grain.</summary>
public readonly record struct FenceToken(string SiloId, long Epoch);

/// <summary>A stored grain state.</summary>
public sealed record StoredState(string Json, string Etag);

/// <summary>A grain registered as always-on.</summary>
public sealed record AlwaysOnEntry(string GrainId, string GrainType);
