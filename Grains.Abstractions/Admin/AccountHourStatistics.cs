namespace Cluster.Grains.Abstractions.Admin;

/// <summary>An account's counts in one clock hour (UTC), for /worker_stats' last 24 hours.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.AccountHourStatistics")]
public sealed record AccountHourStatistics([Id(0)] DateTimeOffset HourStart, [Id(1)] int Sent, [Id(2)] int Failed, [Id(3)] int Errors, [Id(4)] int FloodWaits);
