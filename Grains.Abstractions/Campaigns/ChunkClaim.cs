namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>What a chunk offers the campaign: its sends in doubt (recorded as sending, no outcome recorded: to be resolved
/// first), then up to the asked number of recipients ready to send, its counts, and when its next retry is due.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.ChunkClaim")]
public sealed record ChunkClaim(
    [Id(0)] IReadOnlyList<ChunkItem> InDoubt,
    [Id(1)] IReadOnlyList<ChunkItem> Ready,
    [Id(2)] ChunkReport Report,
    [Id(3)] DateTimeOffset? NextRetryAt);
