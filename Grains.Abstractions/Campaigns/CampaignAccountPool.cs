namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>The accounts a campaign sends from: explicit account ids, and/or every account whose label carries
/// <see cref="Tag"/> as a word (e.g. "#sales"). Premium accounts are used first.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.CampaignAccountPool")]
public sealed record CampaignAccountPool([Id(0)] IReadOnlyList<string> AccountIds, [Id(1)] string? Tag = null);
