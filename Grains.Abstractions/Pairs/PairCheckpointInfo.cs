namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>The pair's progress through its source chat: the last source message id republished, the last one
/// seen (republished, filtered or queued), and the ids being sent now (resent once after a crash).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.PairCheckpointInfo")]
public sealed record PairCheckpointInfo([Id(0)] long LastForwardedId, [Id(1)] long LastSeenId, [Id(2)] IReadOnlyList<long> InFlight);
