namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>A chunk's counts and how many of its recipients each account sent to (exact across crashes: read from the
/// recipients' records).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.ChunkReport")]
public sealed record ChunkReport([Id(0)] CampaignCounts Counts, [Id(1)] IReadOnlyDictionary<string, int> SentByAccount);
