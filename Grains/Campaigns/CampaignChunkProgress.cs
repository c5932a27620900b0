using Cluster.Grains.Abstractions.Campaigns;

namespace Cluster.Grains.Campaigns;

/// <summary>What a campaign knows of one of its chunks: its last counts (and sends per account), and until when it has nothing to send (only
/// retries not yet due, or sends in doubt that cannot be resolved yet).</summary>
public sealed record CampaignChunkProgress(int Index, CampaignCounts Counts, DateTimeOffset? HeldUntil = null, IReadOnlyDictionary<string, int>? SentByAccount = null);
