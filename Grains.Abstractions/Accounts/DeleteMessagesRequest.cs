namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Delete messages of one chat (deletion mirroring).</summary>
public sealed record DeleteMessagesRequest(long ChatId, IReadOnlyList<long> MessageIds);
