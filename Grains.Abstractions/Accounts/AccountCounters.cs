namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Lifetime counters of an account's send operations, for /worker_stats and the dashboard.</summary>
public sealed record AccountCounters(long Sent, long Failed, long FloodWaits, long Edited, long Deleted)
{
    public static AccountCounters Zero { get; } = new(0, 0, 0, 0, 0);
}
