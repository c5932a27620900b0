namespace Cluster.Grains.Abstractions.Broadcasts;

/// <summary>A broadcast chunk's sends in doubt: each recipient left in Sending with the floor of its intent (the highest message id
/// of the bot known when it was recorded; null for an intent recorded before floors were kept), and the highest message id of
/// the chunk's sent recipients.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.ChunkInDoubt")]
public sealed record ChunkInDoubt([Id(0)] IReadOnlyList<InDoubtSend> Sends, [Id(1)] long MaxMessageId);

/// <summary>A send in doubt: the recipient and the floor of its intent.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.InDoubtSend")]
public sealed record InDoubtSend([Id(0)] long UserId, [Id(1)] long? Floor);
