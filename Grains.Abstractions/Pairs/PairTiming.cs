namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>Timing diagnostics of a pair: end to end (posted in the source to republished), processing (received
/// by the pair to republished, including the configured delay and any wait for the account), and the latest messages.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.PairTiming")]
public sealed record PairTiming([Id(0)] LatencySummary EndToEnd, [Id(1)] LatencySummary Processing, [Id(2)] IReadOnlyList<MessageTiming> Recent);
