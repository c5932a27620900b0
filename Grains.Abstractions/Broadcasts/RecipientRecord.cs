namespace Cluster.Grains.Abstractions.Broadcasts;

/// <summary>One recipient of a broadcast and what happened to them: the message id when sent, the error when failed.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.RecipientRecord")]
public sealed record RecipientRecord([Id(0)] long UserId, [Id(1)] RecipientState State, [Id(2)] int? MessageId = null, [Id(3)] string? Error = null);
