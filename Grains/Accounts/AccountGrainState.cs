using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Admin;

namespace Cluster.Grains.Accounts;

/// <summary>The stored state of an account grain: the configuration (its api_hash blanked; the hash is kept encrypted in
/// <see cref="ProtectedApiHash"/>), the phase, counters and the pairs subscribed. The session is a separate state.</summary>
public sealed record AccountGrainState
{
    public AccountConfiguration? Configuration { get; init; }

    /// <summary>The api_hash encrypted by <see cref="ApiHashProtector"/>; null while not configured.</summary>
    public string? ProtectedApiHash { get; init; }

    /// <summary>Whether an admin wants it running (start) or not (stop); survives restarts of the cluster.</summary>
    public bool RunRequested { get; init; }

    public AccountPhase Phase { get; init; } = AccountPhase.Offline;

    public AccountIdentity? Identity { get; init; }

    public DateTimeOffset? ActiveSince { get; init; }

    public int Restarts { get; init; }

    public string? LastError { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    public AccountCounters Counters { get; init; } = AccountCounters.Zero;

    public SendCounterState SendCounters { get; init; } = SendCounterState.Empty;

    public IReadOnlyList<AccountSubscription> Subscriptions { get; init; } = [];

    /// <summary>Sends, failures, errors and flood waits per clock hour over the last 24 hours (for /worker_stats).</summary>
    public IReadOnlyList<AccountHourStatistics> RecentHours { get; init; } = [];
}
