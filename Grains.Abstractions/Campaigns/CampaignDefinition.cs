namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>What a campaign sends, from which accounts, when and how fast. The audience is given with it at creation
/// (<see cref="ICampaignGrain.CreateAsync"/>) and stored in chunks, never in the campaign's own state.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.CampaignDefinition")]
public sealed record CampaignDefinition
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required CampaignMessage Message { get; init; }
    [Id(2)] public required CampaignAccountPool Pool { get; init; }
    [Id(3)] public CampaignSchedule Schedule { get; init; } = CampaignSchedule.Now;
    [Id(4)] public CampaignLimits Limits { get; init; } = CampaignLimits.Default;
    [Id(5)] public CampaignRetryPolicy Retry { get; init; } = CampaignRetryPolicy.Default;
    /// <summary>Start sending once created (else it stays a draft until started).</summary>
    [Id(6)] public bool StartNow { get; init; }
}
