namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>A pair that receives the messages of one source chat through this account.</summary>
public sealed record AccountSubscription(string PairId, long SourceChatId, string? SourceTitle);
