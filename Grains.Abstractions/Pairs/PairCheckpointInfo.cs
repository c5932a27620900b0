namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>The pair's progress through its source chat: the last source message id republished, the last one
/// seen (republished, filtered or queued), and the ids being sent now (resent once after a crash).</summary>
public sealed record PairCheckpointInfo(long LastForwardedId, long LastSeenId, IReadOnlyList<long> InFlight);
