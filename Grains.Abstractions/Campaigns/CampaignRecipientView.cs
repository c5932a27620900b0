namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>One recipient's record as an operator (or a test) reads it.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.CampaignRecipientView")]
public sealed record CampaignRecipientView(
    [Id(0)] int Position,
    [Id(1)] string Reference,
    [Id(2)] RecipientState State,
    [Id(3)] string? AccountId,
    [Id(4)] long? MessageId,
    [Id(5)] int Attempts,
    [Id(6)] string? Error,
    [Id(7)] SkipReason Reason);
