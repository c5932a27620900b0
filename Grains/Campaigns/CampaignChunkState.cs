namespace Cluster.Grains.Campaigns;

/// <summary>The stored state of a campaign chunk: its recipients in audience order, the first one at <see cref="FirstPosition"/>.</summary>
public sealed record CampaignChunkState
{
    public int FirstPosition { get; init; }
    public IReadOnlyList<ChunkRecipientRecord> Recipients { get; init; } = [];
}
