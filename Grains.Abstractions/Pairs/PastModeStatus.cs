namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>Progress of a past-mode run: the range, the next id to fetch after, and how far it got.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.PastModeStatus")]
public sealed record PastModeStatus(
    [Id(0)] long FromMessageId,
    [Id(1)] long ToMessageId,
    [Id(2)] long NextAfterId,
    [Id(3)] long Queued,
    [Id(4)] long Filtered,
    [Id(5)] bool Completed,
    [Id(6)] DateTimeOffset StartedAt,
    [Id(7)] DateTimeOffset? CompletedAt);
