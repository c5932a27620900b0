namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>Timing diagnostics of a pair: the forward latency (arrived at our system, when the account read the update,
/// to republished to every destination), processing (received by the pair to republished), both including the configured
/// delay and any wait for the account, and the latest messages.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.PairTiming")]
public sealed record PairTiming([Id(0)] LatencySummary Forward, [Id(1)] LatencySummary Processing, [Id(2)] IReadOnlyList<MessageTiming> Recent);
