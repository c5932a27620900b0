namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>The newest messages of a chat, newest first, at most <see cref="Limit"/> (1..100): what a pair reads of a
/// destination to find out whether a send cut short by a crash arrived.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.RecentMessagesRequest")]
public sealed record RecentMessagesRequest([Id(0)] long ChatId, [Id(1)] int Limit);
