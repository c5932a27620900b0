namespace Cluster.Grains.Abstractions.Admin;

/// <summary>An account's counts in one clock hour (UTC), for /worker_stats' last 24 hours.</summary>
public sealed record AccountHourStatistics(DateTimeOffset HourStart, int Sent, int Failed, int Errors, int FloodWaits);
