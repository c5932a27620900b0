namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>A pair that receives the messages of one source chat through this account.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.AccountSubscription")]
public sealed record AccountSubscription([Id(0)] string PairId, [Id(1)] long SourceChatId, [Id(2)] string? SourceTitle);
