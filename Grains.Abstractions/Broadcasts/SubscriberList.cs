namespace Cluster.Grains.Abstractions.Broadcasts;

/// <summary>One bucket's subscribers: those who can be written to and those who blocked the bot; and the highest message id of the
/// bot's private chats the bucket has seen (0: none).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.SubscriberList")]
public sealed record SubscriberList([Id(0)] IReadOnlyList<long> Active, [Id(1)] IReadOnlyList<long> Blocked, [Id(2)] long MaxMessageId = 0);
