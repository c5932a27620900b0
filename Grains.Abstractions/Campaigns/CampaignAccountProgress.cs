namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>One account's part in a campaign: its state there (and why, until when), and what it sent.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.CampaignAccountProgress")]
public sealed record CampaignAccountProgress(
    [Id(0)] string AccountId,
    [Id(1)] bool IsPremium,
    [Id(2)] CampaignAccountState State,
    [Id(3)] DateTimeOffset? Until,
    [Id(4)] string? Reason,
    [Id(5)] int Sent,
    [Id(6)] int Failed,
    [Id(7)] int FloodWaits);
