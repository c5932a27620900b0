using Cluster.Grains.Abstractions.Campaigns;

namespace Cluster.Grains.Campaigns;

/// <summary>The stored list of campaign summaries.</summary>
public sealed record CampaignRegistryState
{
    public Dictionary<string, CampaignSummary> Campaigns { get; init; } = [];
}
