namespace Cluster.Grains.Abstractions.Broadcasts;

/// <summary>One bucket's subscribers: those who can be written to and those who blocked the bot.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.SubscriberList")]
public sealed record SubscriberList([Id(0)] IReadOnlyList<long> Active, [Id(1)] IReadOnlyList<long> Blocked);
