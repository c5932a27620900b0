namespace Cluster.Grains.Abstractions.Messages;

/// <summary>One message of one chat, by ids: what a send returns and what edit/delete mirroring targets.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.MessageRef")]
public sealed record MessageRef([Id(0)] long ChatId, [Id(1)] long MessageId);
