namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>Timing diagnostics of a pair: end to end (posted in the source to republished), processing (received
/// by the pair to republished, including the configured delay and any wait for the account), and the latest messages.</summary>
public sealed record PairTiming(LatencySummary EndToEnd, LatencySummary Processing, IReadOnlyList<MessageTiming> Recent);
