namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Delete messages of one chat (deletion mirroring).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.DeleteMessagesRequest")]
public sealed record DeleteMessagesRequest([Id(0)] long ChatId, [Id(1)] IReadOnlyList<long> MessageIds);
