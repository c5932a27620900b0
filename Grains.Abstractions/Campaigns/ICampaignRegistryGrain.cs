namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>The list of campaigns for /campaigns and the dashboard: one grain (key <see cref="Key"/>) the campaigns push
/// their summaries to.</summary>
[Alias("Cluster.ICampaignRegistryGrain")]
public interface ICampaignRegistryGrain : IGrainWithStringKey
{
    const string Key = "campaigns";

    [Alias("UpdateAsync")]
    Task UpdateAsync(CampaignSummary summary);

    /// <summary>Every campaign, newest first.</summary>
    [AlwaysInterleave]
    [Alias("ListAsync")]
    Task<IReadOnlyList<CampaignSummary>> ListAsync();
}
