namespace Cluster.Runtime.Storage;

/// <summary>The runtime's tables in one database (PostgreSQL in production, SQLite embedded). Every
/// silo of a cluster and its clients use the same database; time-based decisions use the database's
/// clock, never a silo's. Implementations create their schema from embedded migrations.</summary>
public interface IClusterStorage
{
    /// <summary>Applies the embedded migrations that have not run yet; safe to call from several silos at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Checks the database answers (readiness).</summary>
    Task PingAsync(CancellationToken cancellationToken);

    IMembershipTable Membership { get; }
    IGrainDirectoryTable Directory { get; }
    IGrainStateTable States { get; }
    IReminderTable Reminders { get; }
    IAlwaysOnTable AlwaysOn { get; }
}

/// <summary>Silos and their heartbeats.</summary>
public interface IMembershipTable
{
    /// <summary>Adds the silo as Active with a heartbeat now. Rows of earlier lives of the same address
    /// that are not Dead/Left are marked Dead, so a restarted silo joins at once.</summary>
    Task RegisterAsync(string siloId, string address, string hostName, CancellationToken cancellationToken);

    /// <summary>Stamps the silo's heartbeat with the database clock and stores its load. Returns false when
    /// the row is gone or no longer Active/Joining/ShuttingDown (the silo was declared dead: it must stop).</summary>
    Task<bool> HeartbeatAsync(string siloId, string loadJson, CancellationToken cancellationToken);

    /// <summary>Sets a silo's status (ShuttingDown, Left, Dead).</summary>
    Task SetStatusAsync(string siloId, SiloStatus status, CancellationToken cancellationToken);

    /// <summary>All rows, with the database's current time. A row is alive when its status is Active,
    /// Joining or ShuttingDown and DatabaseNow - LastHeartbeat is at most the death timeout.</summary>
    Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Marks Dead every row silent longer than <paramref name="deathTimeout"/>, and deletes
    /// Dead/Left rows whose last heartbeat is older than <paramref name="removeAfter"/>. Returns rows deleted.</summary>
    Task<int> CleanupAsync(TimeSpan deathTimeout, TimeSpan removeAfter, CancellationToken cancellationToken);
}

/// <summary>The grain directory: at most one owner per grain, with an epoch that grows on every claim.</summary>
public interface IGrainDirectoryTable
{
    Task<DirectoryEntry?> LookupAsync(string grainId, CancellationToken cancellationToken);

    /// <summary>Atomically makes <paramref name="siloId"/> the owner of the grain, incrementing its epoch, when
    /// the grain has no owner, or its owner is this silo already (returns the current entry, granted, epoch
    /// unchanged), or its owner's membership row is missing, Dead, Left, or silent longer than
    /// <paramref name="deathTimeout"/> by the database clock. Otherwise returns the live owner, not granted.</summary>
    Task<ClaimResult> TryClaimAsync(string grainId, string grainType, string siloId, string address, TimeSpan deathTimeout, CancellationToken cancellationToken);

    /// <summary>Clears the owner if it is still <paramref name="fence"/> (graceful deactivation). The epoch stays.</summary>
    Task ReleaseAsync(string grainId, FenceToken fence, CancellationToken cancellationToken);

    /// <summary>Entries owned by a silo (all owned entries when <paramref name="siloId"/> is null).</summary>
    Task<IReadOnlyList<DirectoryEntry>> ListOwnedAsync(string? siloId, CancellationToken cancellationToken);
}

/// <summary>Grain states as JSON with ETags, fenced by directory epoch.</summary>
public interface IGrainStateTable
{
    Task<StoredState?> ReadAsync(string grainId, string stateName, CancellationToken cancellationToken);

    /// <summary>Writes the state and returns its new ETag, in one statement that checks both the ETag
    /// (null = must not exist yet) and that the directory row of the grain is still owned by
    /// <paramref name="fence"/>. Throws <see cref="StaleEpochException"/> for a stale fence and
    /// <see cref="InconsistentStateException"/> for an ETag mismatch.</summary>
    Task<string> WriteAsync(string grainId, string stateName, string json, string? expectedEtag, FenceToken fence, CancellationToken cancellationToken);

    /// <summary>Deletes the state, with the same checks as <see cref="WriteAsync"/>.</summary>
    Task ClearAsync(string grainId, string stateName, string? expectedEtag, FenceToken fence, CancellationToken cancellationToken);

    /// <summary>All states of a grain by name (for management views).</summary>
    Task<IReadOnlyDictionary<string, string>> ReadAllForGrainAsync(string grainId, CancellationToken cancellationToken);
}

/// <summary>Durable reminders.</summary>
public interface IReminderTable
{
    Task UpsertAsync(GrainReminder reminder, CancellationToken cancellationToken);
    Task RemoveAsync(string grainId, string name, CancellationToken cancellationToken);
    Task<IReadOnlyList<GrainReminder>> ReadForGrainAsync(string grainId, CancellationToken cancellationToken);
    Task<IReadOnlyList<GrainReminder>> ReadAllAsync(CancellationToken cancellationToken);
}

/// <summary>The registry of always-on grains.</summary>
public interface IAlwaysOnTable
{
    Task AddAsync(string grainId, string grainType, CancellationToken cancellationToken);
    Task RemoveAsync(string grainId, CancellationToken cancellationToken);
    Task<IReadOnlyList<AlwaysOnEntry>> ListAsync(CancellationToken cancellationToken);
}
