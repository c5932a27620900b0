namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>The answer to creating a campaign: its status, and the audience entries that were dropped as repeats of an
/// earlier entry (the same reference twice).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.CampaignCreated")]
public sealed record CampaignCreated([Id(0)] CampaignStatus Status, [Id(1)] int DuplicatesDropped);
