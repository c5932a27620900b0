namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>The outcome of a recipient's send, recorded in its chunk.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.RecipientOutcome")]
public sealed record RecipientOutcome(
    [Id(0)] int Position,
    [Id(1)] RecipientOutcomeKind Kind,
    [Id(2)] string? AccountId = null,
    [Id(3)] long? MessageId = null,
    [Id(4)] string? Error = null,
    [Id(5)] SkipReason Reason = SkipReason.None,
    [Id(6)] DateTimeOffset? RetryAt = null);
