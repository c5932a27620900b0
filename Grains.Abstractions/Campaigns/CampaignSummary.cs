namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>One line of /campaigns and the dashboard's list: pushed by the campaign to the registry when it changes.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.CampaignSummary")]
public sealed record CampaignSummary(
    [Id(0)] string CampaignId,
    [Id(1)] string Name,
    [Id(2)] CampaignState State,
    [Id(3)] CampaignCounts Counts,
    [Id(4)] DateTimeOffset CreatedAt,
    [Id(5)] DateTimeOffset UpdatedAt);
