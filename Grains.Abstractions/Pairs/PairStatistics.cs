namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>Lifetime counters of a pair (messages, not batches; an album of 3 counts 3).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.PairStatistics")]
public sealed record PairStatistics(
    [Id(0)] long Received,
    [Id(1)] long Forwarded,
    [Id(2)] long Filtered,
    [Id(3)] long Skipped,
    [Id(4)] long EditsMirrored,
    [Id(5)] long DeletionsMirrored,
    [Id(6)] long Failed,
    [Id(7)] long PossibleDuplicates,
    [Id(8)] DateTimeOffset? LastReceivedAt,
    [Id(9)] DateTimeOffset? LastForwardedAt)
{
    public static PairStatistics Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, null, null);
}
