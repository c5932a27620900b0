using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>The message of a campaign: one text with entities, or a few variants (each recipient gets one, chosen by their
/// place in the audience so it stays the same across retries). Texts may hold variables, <c>{name}</c> or
/// <c>{name|default}</c>, filled from each recipient's values.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.CampaignMessage")]
public sealed record CampaignMessage([Id(0)] IReadOnlyList<MessageText> Variants);
