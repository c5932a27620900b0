namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>Progress of a past-mode run: the range, the next id to fetch after, and how far it got.</summary>
public sealed record PastModeStatus(
    long FromMessageId,
    long ToMessageId,
    long NextAfterId,
    long Queued,
    long Filtered,
    bool Completed,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt);
