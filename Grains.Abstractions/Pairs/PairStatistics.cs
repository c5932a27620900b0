namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>Lifetime counters of a pair (messages, not batches; an album of 3 counts 3).</summary>
public sealed record PairStatistics(
    long Received,
    long Forwarded,
    long Filtered,
    long Skipped,
    long EditsMirrored,
    long DeletionsMirrored,
    long Failed,
    long PossibleDuplicates,
    DateTimeOffset? LastReceivedAt,
    DateTimeOffset? LastForwardedAt)
{
    public static PairStatistics Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, null, null);
}
