using Cluster.Grains.Abstractions.Campaigns;
using Cluster.Grains.Accounts;

namespace Cluster.Grains.Campaigns;

/// <summary>One account of a campaign's pool as the campaign stores it: its state there, its campaign send counters (for
/// the per-account limits; reserved before the sends are made, so a crash can only over-count them) and when it may send next (the random delay).</summary>
public sealed record CampaignPoolAccount
{
    public required string AccountId { get; init; }
    public bool IsPremium { get; init; }
    public CampaignAccountState State { get; init; }
    public DateTimeOffset? Until { get; init; }
    public string? Reason { get; init; }
    public int Failed { get; init; }
    public int FloodWaits { get; init; }
    public SendCounterState Counter { get; init; } = SendCounterState.Empty;
    public DateTimeOffset NextSendAt { get; init; }
}
