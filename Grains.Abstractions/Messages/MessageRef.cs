namespace Cluster.Grains.Abstractions.Messages;

/// <summary>One message of one chat, by ids: what a send returns and what edit/delete mirroring targets.</summary>
public sealed record MessageRef(long ChatId, long MessageId);
