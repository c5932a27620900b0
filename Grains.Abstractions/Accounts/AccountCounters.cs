namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Lifetime counters of an account's send operations, for /worker_stats and the dashboard.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.AccountCounters")]
public sealed record AccountCounters([Id(0)] long Sent, [Id(1)] long Failed, [Id(2)] long FloodWaits, [Id(3)] long Edited, [Id(4)] long Deleted)
{
    public static AccountCounters Zero { get; } = new(0, 0, 0, 0, 0);
}
