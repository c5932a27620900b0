namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>What a campaign makes of one of its accounts.</summary>
[GenerateSerializer, Alias("Cluster.CampaignAccountState")]
public enum CampaignAccountState
{
    Ready,
    /// <summary>Flood wait, a used-up limit, or not connected right now: used again after <c>Until</c>.</summary>
    Resting,
    /// <summary>PEER_FLOOD: Telegram stopped this account's messages to strangers; not used again by this campaign.</summary>
    PeerFlooded,
    /// <summary>Banned, its session revoked, or deleted: out of the pool.</summary>
    Removed,
}
